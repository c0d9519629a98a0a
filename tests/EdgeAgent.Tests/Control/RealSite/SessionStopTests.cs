using ChargeNet.EdgeAgent.Control;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The last resort for a car its charger will not pause (docs/control-loop-sessions.md, Session 20, "A session ended as a last resort"):
/// the base load alone fills the car's grid phase, every other car there is paused, and the car's charger refuses every
/// limit. Limits alone cannot bring the phase under (the site bench's seeds 1, 18, 23, 49 and 50 at 5 s, for a few refusals);
/// the loop ends that car's session (OCPP RemoteStopTransaction) and says so — and no other car's.
/// </summary>
public sealed class SessionStopTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // one call at a time, as the OCPP driver sends them: the stop waits behind the refused pause's resend
    public async Task A_car_whose_charger_refuses_its_pause_on_a_phase_the_base_alone_fills_has_its_session_ended_and_the_phase_comes_under(bool oneCall)
    {
        await using var site = await StepSiteAsync(oneCall, rejectsStop: false);
        var (car, phase) = site.Refusing;

        // Two refusals (0.1–3 s each), the stop's own answer, and the car's 1 s dead time: well within 15 s.
        await site.Loop.RunAsync(TimeSpan.FromSeconds(15));

        Assert.True(site.Loop.FailedCycles == 0, $"{site.Loop.FailedCycles} cycles failed, the last with {site.Loop.LastCycleError}");
        var charger = site.Loop.Site.OcppChargers.Single(c => c.Id == car.ChargerId);
        Assert.True(car.Car!.DrawA == 0, $"the refusing charger's car still draws {car.Car.DrawA:0.0} A; grid L{phase + 1} {site.OverA:0.0} A over its limit");
        Assert.Equal([car.Index], charger.SessionsEnded.Select(s => s.Connector));
        Assert.Empty(site.Loop.Site.OcppChargers.Where(c => c != charger).SelectMany(c => c.SessionsEnded));
        var events = await site.Loop.Rig.Store.Events.ListAsync(100, 0, CancellationToken.None);
        var stopped = Assert.Single(events, e => e.Code == "charger.session.stopped");
        Assert.Equal(car.ChargerId, stopped.Source);
        Assert.True(stopped.Message.Contains($"L{phase + 1} counted", StringComparison.Ordinal), stopped.Message);
        Assert.True(site.OverA <= 0.05, $"grid L{phase + 1} is {site.OverA:0.0} A over its limit with the base at {site.BaseA:0.0} A");

        // While its car stays connected, the connector is held at 0 A: the room is not planned for a car that cannot draw it.
        var view = site.Loop.Loop.Latest!.Chargers.Single(c => c.Id == car.ChargerId).Connectors.Single();
        Assert.Equal(("sessionStopped", 0.0), (view.Reason, view.LimitA));
    }

    [Fact]
    public async Task A_charger_that_rejects_the_stop_is_asked_again_no_sooner_than_two_response_times_and_the_operator_is_told()
    {
        await using var site = await StepSiteAsync(oneCall: false, rejectsStop: true);
        var (car, _) = site.Refusing;

        await site.Loop.RunAsync(TimeSpan.FromSeconds(15));

        var events = await site.Loop.Rig.Store.Events.ListAsync(100, 0, CancellationToken.None);
        var failed = events.Where(e => e.Code == "charger.session.stop-failed").ToList();
        Assert.InRange(failed.Count, 1, 2); // 15 s at most one retry 10 s later
        Assert.All(failed, e => Assert.Equal(car.ChargerId, e.Source));
        Assert.True(car.Car!.DrawA > 0, "a charger that rejects the stop keeps its car charging");
    }

    [Fact]
    public async Task A_refusing_charger_on_a_phase_that_is_not_over_keeps_its_session()
    {
        await using var site = await StepSiteAsync(oneCall: false, rejectsStop: false, stepA: 0);

        // Its pause is refused, but the phase has room for it: the others are cut, nobody's session is ended.
        site.Loop.Rig.ManualLimits.Set(new ManualLimit(site.Refusing.Car.ChargerId, site.Refusing.Car.ConnectorId, 0, site.Loop.Time.GetUtcNow(), "test", null));
        await site.Loop.RunAsync(TimeSpan.FromSeconds(15));

        var events = await site.Loop.Rig.Store.Events.ListAsync(100, 0, CancellationToken.None);
        Assert.True(site.Loop.Site.OcppChargers.All(c => c.SessionsEnded.Count == 0), string.Join("; ", events.Select(e => e.Message)));
        Assert.True(site.Refusing.Car.Car!.DrawA > 0);
    }

    /// <summary>
    /// A settled site of OCPP chargers that take every limit; then the charger of the car drawing most refuses every limit (or answers
    /// <paramref name="atStep"/>), and the base load on that car's grid phase steps to <paramref name="stepA"/> (by default 0.5 A
    /// under the phase's limit: the base alone fills it). <paramref name="beforeStep"/> runs first, given the car chosen.
    /// </summary>
    internal static async Task<StepSite> StepSiteAsync(
        bool oneCall,
        bool rejectsStop,
        double? stepA = null,
        ControlLoopOptions? options = null,
        Func<ClosedLoopSite, SimConnector, Task>? beforeStep = null,
        IReadOnlyList<ScriptedAnswer>? atStep = null)
    {
        var recipe = new SiteRecipe
        {
            Seed = 2,
            DeadTime = TimeSpan.FromSeconds(1),
            OcppShare = 1,
            RejectingShare = 0,
            TimingOutShare = 0,
            SessionStopRejectingShare = rejectsStop ? 1 : 0,
            Occupancy = 1,
            TaperingShare = 0,
            ChurnInterval = TimeSpan.FromHours(1),
            FirstStepAt = TimeSpan.FromHours(1),
            OneCallAtATime = oneCall,
        };
        var loop = await ClosedLoopSite.StartAsync(recipe, options: options ?? new ControlLoopOptions());
        await loop.RunAsync(Settle);
        var physics = loop.Site.Physics;
        var car = physics.Connectors.Where(c => c.CarPhases == 1).MaxBy(c => c.Car?.DrawA ?? 0)!;
        Assert.True(car.Car!.DrawA >= 6, $"the one-phase car drawing most draws {car.Car.DrawA:0.0} A");
        var phase = car.GridPhaseOf[0];
        if (beforeStep is not null)
        {
            await beforeStep(loop, car);
        }

        loop.Site.OcppChargers.Single(c => c.Id == car.ChargerId).ScriptedAnswers = atStep ?? [ScriptedAnswer.Rejected];
        var limitA = loop.Site.Configuration.Grid.MaxCurrentA;
        var step = stepA ?? (limitA - 0.5 - physics.UncontrolledA(0, phase));
        physics.BaseLoad.Step(phase, step);
        return new StepSite(loop, (car, phase), limitA);
    }

    internal sealed record StepSite(ClosedLoopSite Loop, (SimConnector Car, int Phase) Refusing, double LimitA) : IAsyncDisposable
    {
        public double BaseA => Loop.Site.Physics.UncontrolledA(0, Refusing.Phase);

        /// <summary>What the cars add above the larger of the limit and the base load on the phase (property 1's figure).</summary>
        public double OverA => Loop.Site.Physics.ActualA(0, Refusing.Phase) - Math.Max(LimitA, BaseA);

        public ValueTask DisposeAsync() => Loop.DisposeAsync();
    }
}
