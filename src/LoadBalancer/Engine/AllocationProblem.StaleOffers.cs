namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// What stale connectors are offered — their failsafe at most, never more than they were last sent (<see cref="FixedLimitA"/>) —
/// fits together under the fallback current on each grid phase while the grid meter is unknown, and under a curtailment's site
/// cap: issue 13 property 4 holds a stale but connected charger to both too. Where their offers together do not fit (many
/// chargers whose failsafes add up to more than the fallback), they are paused in pause order until the rest fit. What each is
/// counted at does not change: the most it may hold until it confirms a lower limit (docs/control-loop.md, "Failsafes").
/// </summary>
internal sealed partial class AllocationProblem
{
    // The stale connectors, in pause order: a buffer kept between cycles (the balancer allocates nothing in steady state).
    private int[] _staleOrder = [];

    private void FitStaleOffers(SiteSnapshot snapshot)
    {
        var settings = snapshot.Settings;
        var fallback = false;
        for (var k = 0; k < NodeCount; k++)
        {
            fallback |= NodeParent[k] < 0 && _meterState[k] == MeterState.Stale;
        }

        if (!fallback && snapshot.Constraints.SiteCapKw is null)
        {
            return;
        }

        Grow.ToAtLeast(ref _staleOrder, ConnectorCount);
        var count = 0;
        for (var i = 0; i < ConnectorCount; i++)
        {
            if (FixedReason[i] == AllocationReason.StaleData)
            {
                _staleOrder[count++] = i;
            }
        }

        var order = _staleOrder.AsSpan(0, count);
        Sort(order, ConnectorOrderKind.Pause);
        for (var k = 0; k < NodeCount; k++)
        {
            if (NodeParent[k] < 0 && _meterState[k] == MeterState.Stale)
            {
                for (var p = 0; p < 3; p++)
                {
                    PauseStaleWhileOver(snapshot, order, k, 1 << p, 0, settings.FallbackCurrentA);
                }
            }
        }

        if (snapshot.Constraints.SiteCapKw is { } capKw)
        {
            PauseStaleWhileOver(snapshot, order, -1, 0, settings.NominalVoltageV / 1000, capKw);
        }
    }

    // Pauses stale connectors in pause order while what their offers load together is over the capacity: amperes on grid phase
    // 'bit' under the grid 'root', or (bit 0) kilowatts over the site. One whose charger refuses 0 A by kind counts but is not
    // paused: it would refuse (its hold keeps it at its minimum, Session 22), and its room is not freed.
    private void PauseStaleWhileOver(SiteSnapshot snapshot, ReadOnlySpan<int> order, int root, int bit, double kwPerA, double capacity)
    {
        var total = 0.0;
        foreach (var i in order)
        {
            total += OfferLoad(snapshot, i, root, bit, kwPerA);
        }

        foreach (var i in order)
        {
            if (total <= capacity + 1e-9)
            {
                return;
            }

            if (!snapshot.Connectors[i].RefusesPauses && OfferLoad(snapshot, i, root, bit, kwPerA) is var load and > 0)
            {
                total -= load;
                FixedLimitA[i] = 0;
            }
        }
    }

    private double OfferLoad(SiteSnapshot snapshot, int i, int root, int bit, double kwPerA) =>
        bit == 0 ? FixedLimitA[i] * System.Numerics.BitOperations.PopCount((uint)GridMask[i]) * kwPerA
        : (GridMask[i] & bit) != 0 && GridOf(snapshot.Connectors[i].CircuitIndex) == root ? FixedLimitA[i] : 0;
}
