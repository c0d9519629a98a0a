using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A charger that refuses 0 A by kind (<see cref="ConnectorInput.RefusesPauses"/>; docs/control-loop-sessions.md, Session 22, "A charger
/// that refuses 0 A"): a free connector is held at its minimum where it is counted at least that; a stale one is sent its minimum
/// after a refused 0, and 0 after a limit it did not take, so a charger that refuses every limit is still paused each other cycle.
/// </summary>
public sealed class PauseRefusingChargerHoldTests
{
    private static ConnectorInput Free(bool refusesPauses) => Car("free") with
    {
        Activity = ConnectorActivity.Available,
        MinCurrentA = 6,
        LastLimitA = 0,
        CommittedA = 6.2,
        RefusesPauses = refusesPauses,
    };

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 6)]
    public void A_free_connector_whose_charger_refuses_0_A_is_held_at_its_minimum(bool refusesPauses, double expectedA)
    {
        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(100, PhaseCurrents.All(20))], Free(refusesPauses)));

        Assert.Equal(expectedA, result.Connectors[0].LimitA, 3);
    }

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(true, 0, 6)]
    [InlineData(true, 6, 0)]
    public void A_stale_connector_whose_charger_refuses_0_A_is_sent_its_minimum_after_a_refused_0_and_0_after_a_limit_not_taken(bool refusesPauses, double lastA, double expectedA)
    {
        var stale = Car("stale", drawA: 10) with
        {
            IsStale = true,
            MinCurrentA = 6,
            LastLimitA = lastA,
            CommittedA = 32,
            FailsafeCurrentA = 32,
            RefusesPauses = refusesPauses,
        };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(100, PhaseCurrents.All(50))], stale));

        Assert.Equal(expectedA, result.Connectors[0].LimitA, 3);
    }

    [Theory]
    [InlineData(32, 6)]
    [InlineData(0, 0)]
    public void A_stale_connector_whose_charger_refuses_0_A_is_held_at_its_minimum_only_within_its_failsafe(double failsafeA, double expectedA)
    {
        // A charger whose failsafe is 0 A (it stops its car on its own when it loses the edge) is never sent more than that while stale.
        var stale = Car("stale", drawA: 10) with
        {
            IsStale = true,
            MinCurrentA = 6,
            LastLimitA = 0,
            CommittedA = 32,
            FailsafeCurrentA = failsafeA,
            RefusesPauses = true,
        };

        var result = Run(new FairShareStrategy(), Snapshot(Settings(), [Grid(100, PhaseCurrents.All(50))], stale));

        Assert.Equal(expectedA, result.Connectors[0].LimitA, 3);
    }
}
