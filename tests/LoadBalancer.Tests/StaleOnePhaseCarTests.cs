using static ChargeNet.LoadBalancer.Tests.FairSharePhaseAndLoadTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A connector stale for a moment is counted on the phases its car was counted on in its last fresh cycle, not on every
/// wired phase; stale for longer than <see cref="BalancerSettings.StaleCarPhasesFor"/>, or in a new session, on every
/// wired phase (docs/control-loop-sessions.md, Session 25, "A stale one-phase car on its own phase").
/// </summary>
public sealed class StaleOnePhaseCarTests
{
    private static readonly BalancerSettings LiveSettings = Live() with { ChangeSettleTime = TimeSpan.FromSeconds(5) };

    // Grid 62 A, metered. W: a one-phase car on a three-phase charger, drawing its 10 A on L1. B and C: three-phase cars at
    // their 20 A maximum. Nobody else draws on L1; 16 A nobody controls on L2 and L3. W counted on L2 at its 10 A beside B and
    // C comes to 66 A there, over the 62; on L1 alone (its draw also still in the reading: counted twice) 60 A, within it.
    private static readonly ConnectorInput W = Car("w", carPhases: 1, drawA: 10, maxA: 10) with { LastLimitA = 10, CommittedA = 10 };
    private static readonly ConnectorInput B = Car("b", drawA: 20, maxA: 20) with { LastLimitA = 20, CommittedA = 20 };
    private static readonly ConnectorInput C = Car("c", drawA: 20, maxA: 20) with { LastLimitA = 20, CommittedA = 20 };
    private static readonly CircuitNode Metered = Grid(62, meteredA: new PhaseCurrents(50, 56, 56));

    [Fact]
    public void A_one_phase_car_stale_for_a_cycle_is_counted_on_its_own_phase_and_nobody_is_cut_for_it()
    {
        var (strategy, state, result) = SeenOnOnePhase();

        // Its charger missed a poll: stale one cycle later, in the same session.
        var stale = W with { IsStale = true };
        strategy.Allocate(At(Now.AddSeconds(32), Snapshot(LiveSettings, [Metered], stale, B, C)), state, result);

        Assert.True(
            result.Connectors[1].LimitA >= 20 && result.Connectors[2].LimitA >= 20,
            $"B cut to {result.Connectors[1].LimitA} A, C to {result.Connectors[2].LimitA} A: W, a one-phase car on L1, was counted on L2 and L3");
        Assert.True(result.NodeUncontrolledA[0].L2A <= 16 + 1e-6, $"L2's load nobody controls {result.NodeUncontrolledA[0].L2A:0.0} A: W counted there");
        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);
    }

    [Fact]
    public void Its_draw_known_while_stale_comes_out_of_the_reading_only_on_the_phase_it_is_counted_on()
    {
        var (strategy, state, result) = SeenOnOnePhase();

        // A missed read (its draw known while stale: docs/control-loop-sessions.md, Session 45) whose reading shows 1.5 A of noise on L2
        // and L3: counted on L1 alone, taken out of L1 alone — taken out of L2 too, L2's load nobody controls came out 1.5 A low.
        var stale = W with { IsStale = true, DrawKnownWhileStale = true, MeasuredCurrentA = new PhaseCurrents(10, 1.5, 1.5) };
        strategy.Allocate(At(Now.AddSeconds(32), Snapshot(LiveSettings, [Metered], stale, B, C)), state, result);

        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);
        Assert.True(result.NodeUncontrolledA[0].L2A >= 16 - 1e-6, $"L2's load nobody controls {result.NodeUncontrolledA[0].L2A:0.0} A, not 16 A: W's reading taken out there");
    }

    [Fact]
    public void Stale_for_longer_than_the_bound_it_is_counted_on_every_wired_phase()
    {
        var (strategy, state, result) = SeenOnOnePhase();
        var stale = W with { IsStale = true };
        strategy.Allocate(At(Now.AddSeconds(32), Snapshot(LiveSettings, [Metered], stale, B, C)), state, result);

        // Still silent past StaleCarPhasesFor since its last fresh cycle (31 s): counted on every wired phase.
        var later = Now.AddSeconds(31) + LiveSettings.StaleCarPhasesFor + TimeSpan.FromSeconds(0.5);
        strategy.Allocate(At(later, Snapshot(LiveSettings, [Metered], stale, B, C)), state, result);

        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);
        Assert.True(result.Connectors[1].LimitA < 20, $"B kept {result.Connectors[1].LimitA} A with W counted on L2");
    }

    [Fact]
    public void A_new_session_that_is_stale_is_counted_on_every_wired_phase()
    {
        var (strategy, state, result) = SeenOnOnePhase();

        // Another car (a new session) on W's charger, stale before any fresh cycle of its own: its phases are not known.
        var newcomer = W with { IsStale = true, SessionStartedAt = Now.AddSeconds(31.5) };
        strategy.Allocate(At(Now.AddSeconds(32), Snapshot(LiveSettings, [Metered], newcomer, B, C)), state, result);

        Assert.Equal(0b111, result.Connectors[0].GridPhaseMask);
    }

    // Fresh cycles 31 s apart: W's idle phases are dropped (PhaseDropTime 30 s), it is counted on L1 alone.
    private static (FairShareStrategy Strategy, BalancerState State, AllocationResult Result) SeenOnOnePhase()
    {
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();
        strategy.Allocate(Snapshot(LiveSettings, [Metered], W, B, C), state, result);
        strategy.Allocate(At(Now.AddSeconds(31), Snapshot(LiveSettings, [Metered], W, B, C)), state, result);
        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);
        Assert.Equal(20, result.Connectors[1].LimitA);
        return (strategy, state, result);
    }
}
