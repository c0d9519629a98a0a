using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.FairSharePhaseAndLoadTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>A car whose idle phases were dropped keeps being counted on its own phases only while it is paused.</summary>
public sealed class PausedCarPhasesTests
{
    [Fact]
    public void A_car_paused_after_its_phases_were_seen_keeps_them()
    {
        // A: a 1-phase car on a 3-phase charger (grid L1); B: a 1-phase car on grid L2.
        var a = Car("a", carPhases: 1, drawA: 10);
        var b = Car("b", carPhases: 1, rotation: PhaseRotation.L2L3L1, drawA: 10) with { WiredPhases = 1 };
        var strategy = new FairShareStrategy();
        var state = new BalancerState();
        var result = new AllocationResult();
        strategy.Allocate(Snapshot(Settings(), [Grid(20)], a, b), state, result);
        strategy.Allocate(At(Now.AddSeconds(31), Snapshot(Settings(), [Grid(20)], a, b)), state, result);
        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);

        // Paused by its charger: it draws nothing anywhere, and is still counted on L1 alone.
        var paused = a with { Activity = ConnectorActivity.SuspendedByController, MeasuredCurrentA = PhaseCurrents.Zero };
        strategy.Allocate(At(Now.AddSeconds(90), Snapshot(Settings(), [Grid(20)], paused, b)), state, result);

        Assert.Equal(0b001, result.Connectors[0].GridPhaseMask);
        Assert.Equal(20, result.Connectors[1].LimitA);
    }
}
