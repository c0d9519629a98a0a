using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A cut the charger refused is asked again each cycle, and the OCPP driver answers those asks from the refusal without a
/// send during its back-off (5, 10, 20 … s; <see cref="SetpointResult.NotSent"/>). Those answers are not sends: kept as one
/// each, they pushed the older limits out of the connector's history, so the refused cut looked sent anew every cycle and
/// every raise on the site waited for the whole back-off (site bench seed 9 <c>--backoff</c>: 35 % capacity;
/// docs/control-loop-sessions.md, Session 18, "A held answer is not a send").
/// </summary>
public sealed class HeldAnswerTests
{
    private const string Refusing = "CP003";
    private const string Other = "CP004";

    // Longer than the ~11 s that a connector's history (12 epochs) spans of held asks at one a second: at the default 5 s the
    // same happens only once a few earlier sends are left unanswered (seed 9: two timed out, asks every 0.5 s).
    private static readonly TimeSpan ResponseTime = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_cut_refused_and_then_held_by_the_drivers_back_off_holds_the_other_cars_raises_only_for_the_cars_response_time()
    {
        TwoCarSite.OneChargerWrapped<BackingOffCharger>? wrapped = null;
        TimeProvider? time = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Refusing, charger => new BackingOffCharger(charger, () => time!.GetUtcNow())),
            loopOptions: new ControlLoopOptions { VehicleResponseTime = ResponseTime });
        time = harness.Time;

        // Both capped by hand (10 A and 6 A), taken; then the refusing charger's cap falls to 8 A, a cut it refuses, and every
        // lower one too: the driver holds the loop's asks for its back-off after each refusal.
        harness.ManualLimits.Set(new ManualLimit(Refusing, null, 10, harness.Time.GetUtcNow(), "test", null));
        harness.ManualLimits.Set(new ManualLimit(Other, null, 6, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(6, Connector(harness, Other).LimitA);

        wrapped!.Charger!.RefuseCutsBelow(10);
        harness.ManualLimits.Set(new ManualLimit(Refusing, null, 8, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        Assert.True(wrapped.Charger.HeldAsks > 10, $"the driver held {wrapped.Charger.HeldAsks} asks");

        // Nothing was over in those 30 s: the refused cut waited out the back-off (sent at 0, 1 and 11 s). After the lift, the other
        // car's raise counts at its old draw in the load nobody controls until it is seen up, and at its new limit in the plan, so
        // for that moment the refused cut may count as needed and go past the back-off (docs/control-loop-sessions.md, Session 19).
        var sentBeforeTheLift = wrapped.Charger.SentToCharger;
        Assert.True(sentBeforeTheLift <= 4, $"{sentBeforeTheLift} limits reached the refusing charger during its back-off");

        // 30 s into the back-offs (5, 10, 20, 40 s), the other car's cap is lifted: nothing is over, so its raise goes out at once,
        // the refused cut's response time long past — not when the back-offs end.
        Assert.NotNull(harness.ManualLimits.Clear(Other, null));
        await harness.RunAsync(TimeSpan.FromSeconds(10));
        Assert.True(Connector(harness, Other).LimitA > 6, $"the other car's raise waited: {Connector(harness, Other)}");
    }

    private static ConnectorView Connector(SimulatedSiteHarness harness, string chargerId) => TwoCarSite.Connector(harness.Loop.Latest!, chargerId);
}
