using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A cut its charger refused, on a phase counted over its limit, goes again at the next cycle — not after the OCPP driver's
/// back-off (5, 10, 20 … s), which is meant for limits the site can wait for. The shipped driver held it: site bench
/// <c>--backoff</c> seed 5 at 5 s, a refused pause at the step sent again 5 s later, 9.6 A over (docs/control-loop-sessions.md,
/// Session 19, "A needed cut past the back-off"). A refused cut where nothing is over still waits (<see cref="HeldAnswerTests"/>).
/// </summary>
public sealed class NeededCutTests
{
    private const string Refusing = "CP003";

    [Fact]
    public async Task A_refused_cut_on_a_phase_counted_over_goes_again_at_the_next_cycle_past_the_drivers_back_off()
    {
        TwoCarSite.OneChargerWrapped<BackingOffCharger>? wrapped = null;
        TimeProvider? time = null;
        var site = TwoCarSite.Configuration();
        await using var harness = await SimulatedSiteHarness.StartAsync(site, TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Refusing, charger => new BackingOffCharger(charger, () => time!.GetUtcNow())));
        time = harness.Time;
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.True(TwoCarSite.Connector(harness.Loop.Latest!, Refusing).LimitA > 0);

        // The grid's limit falls under the load nobody controls (about 30–38 A a phase at noon): every car must stop, and the
        // refusing charger refuses its pause once, then takes it.
        wrapped!.Charger!.RefuseCutsBelow(double.MaxValue, times: 1);
        var smaller = site with { Grid = site.Grid with { MaxCurrentA = 25, FallbackCurrentA = 10 } };
        Assert.True((await harness.Configuration.ApplyAsync(SiteConfigurationReader.Write(smaller), "api", "test", CancellationToken.None)).Accepted);
        await harness.RunAsync(TimeSpan.FromSeconds(10));

        var sent = wrapped.Charger.Sent;
        Assert.True(sent.Count >= 2, $"{sent.Count} limits reached the refusing charger; {wrapped.Charger.HeldAsks} held by the back-off");
        Assert.Equal(0, sent[0].LimitA);
        Assert.True(sent[1].At - sent[0].At <= TimeSpan.FromSeconds(2),
            $"the refused pause went again {(sent[1].At - sent[0].At).TotalSeconds} s after its refusal ({wrapped.Charger.HeldAsks} asks held)");
    }
}
