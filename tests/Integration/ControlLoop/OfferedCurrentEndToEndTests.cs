using System.Text.Json;
using ChargeNet.EdgeAgent.Tests.Control.RealSite;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// Issue 13 property 5 over real protocols: "the limit it reports". An OCPP charger (npm ocpp-rpc, strict) accepts every
/// SetChargingProfile but applies none, and its MeterValues say so: Current.Offered stays at its own default. The daemon counts it
/// at what it offers, tells the operator once (charger.limit-not-applied), and keeps the grid under its fuse with the other cars
/// (docs/control-loop-sessions.md, Session 47, "What a charger offers"). The site of <see cref="ControlLoopEndToEndTests"/>.
/// </summary>
[Collection(RealTimePhysicsRuns.Name)]
public sealed class OfferedCurrentEndToEndTests : IAsyncLifetime
{
    private const double FuseA = ControlLoopEndToEndTests.FuseA;
    private const double CarMaxA = ControlLoopEndToEndTests.CarMaxA;

    private readonly ITestOutputHelper _output;
    private PhysicsSiteRun? _run;

    public OfferedCurrentEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private PhysicsSiteRun Run => _run!;

    public async Task InitializeAsync() =>
        _run = await PhysicsSiteRun.StartAsync(
            new
            {
                baseA = 10,
                carMaxA = CarMaxA,
                ocpp = new object[] { "CP1", new { id = "CP2", applies = false } },
                deadTimeS = ControlLoopEndToEndTests.DeadTimeS,
                limitA = FuseA,
                marginA = ControlLoopEndToEndTests.MarginA,
                fallbackA = ControlLoopEndToEndTests.FallbackA,
            },
            ControlLoopEndToEndTests.SiteJson);

    public async Task DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }

    [RealSiteFact]
    public async Task A_charger_that_accepts_a_cut_but_offers_its_car_more_is_counted_at_its_offer_and_told_once()
    {
        // Room for every car at its 16 A (10 A base + 3 × 16 A under the 60 A target): nobody is cut, nothing to tell.
        await Run.UntilAsync(
            s => s.GetProperty("wallbox").GetProperty("drawA").GetDouble() >= CarMaxA - 0.5
                 && s.GetProperty("ocpp").EnumerateObject().All(c => c.Value.GetProperty("drawA").GetDouble() >= CarMaxA - 0.5),
            TimeSpan.FromSeconds(120), "every car at its maximum");
        Assert.DoesNotContain("charger.limit-not-applied", Run.Transcript, StringComparison.Ordinal);
        await Run.CommandAsync(new { op = "reset" });

        // 35 A more building load: the cars must share 60 − 35 = 25 A. CP2 accepts its cut and goes on offering 16 A.
        await Run.CommandAsync(new { op = "base", a = 35, limitA = FuseA });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Run.Transcript.Contains("[CP2] charger.limit-not-applied", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"CP2's offer above its accepted limit was never told: the daemon's view {await Run.DaemonStatusAsync()}; the peer's {await Run.CommandAsync(new { op = "history" })}\n{Run.Transcript}");
            }

            await Task.Delay(200);
        }

        // Until its car's draw and its offer showed it, the loop counted on the cut it accepted: no loop can see that coming, so the
        // score starts over once it is told and the others' cuts have brought the grid back under. Counted at its 16 A from then
        // on, the grid stays there.
        await Run.UntilAsync(s => s.GetProperty("step").GetProperty("backMs").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(30), "the grid back under its fuse");
        await Run.CommandAsync(new { op = "reset" });
        await Task.Delay(TimeSpan.FromSeconds(15));
        var state = await Run.CommandAsync(new { op = "state" });
        _output.WriteLine("after: " + state);
        var overloadA = state.GetProperty("score").GetProperty("overloadMaxA").GetDouble();
        Assert.True(overloadA <= 1, $"the cars overloaded the grid by {overloadA:0.0} A beside a charger that does not apply its limits: {state}\n{Run.Transcript}");
        Assert.True(state.GetProperty("ocpp").GetProperty("CP2").GetProperty("drawA").GetDouble() >= CarMaxA - 0.5, $"CP2's car came down: the charger applied a limit after all: {state}");
        Assert.Single(Run.Transcript.Split('\n'), l => l.Contains("[CP2] charger.limit-not-applied", StringComparison.Ordinal));
    }
}
