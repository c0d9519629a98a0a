namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// What stale connectors are offered — their failsafe at most, never more than they were last sent (<see cref="FixedLimitA"/>) —
/// fits together under the fallback current on each grid phase while the grid meter is unknown, and under a curtailment's site
/// cap: issue 13 property 4 holds a stale but connected charger to both too. Where their offers together do not fit (many
/// chargers whose failsafes add up to more than the fallback), the last of them are paused until the rest fit. What each is
/// counted at does not change: the most it may hold until it confirms a lower limit (docs/control-loop.md, "Failsafes").
/// </summary>
internal sealed partial class AllocationProblem
{
    private void FitStaleOffers(SiteSnapshot snapshot)
    {
        var settings = snapshot.Settings;
        for (var k = 0; k < NodeCount; k++)
        {
            if (NodeParent[k] < 0 && _meterState[k] == MeterState.Stale)
            {
                for (var p = 0; p < 3; p++)
                {
                    PauseLastStaleWhileOver(snapshot, k, 1 << p, 0, settings.FallbackCurrentA);
                }
            }
        }

        if (snapshot.Constraints.SiteCapKw is { } capKw)
        {
            PauseLastStaleWhileOver(snapshot, -1, 0, settings.NominalVoltageV / 1000, capKw);
        }
    }

    // Pauses stale connectors, the last first, while what their offers load together is over the capacity: amperes on grid
    // phase 'bit' under 'root', or (bit 0) kilowatts over the site.
    private void PauseLastStaleWhileOver(SiteSnapshot snapshot, int root, int bit, double kwPerA, double capacity)
    {
        var total = 0.0;
        for (var i = 0; i < ConnectorCount; i++)
        {
            total += OfferLoad(snapshot, i, root, bit, kwPerA);
        }

        for (var i = ConnectorCount - 1; i >= 0 && total > capacity + 1e-9; i--)
        {
            if (OfferLoad(snapshot, i, root, bit, kwPerA) is var loadA and > 0)
            {
                total -= loadA;
                FixedLimitA[i] = 0;
            }
        }
    }

    private double OfferLoad(SiteSnapshot snapshot, int i, int root, int bit, double kwPerA) =>
        FixedReason[i] != AllocationReason.StaleData ? 0
        : bit == 0 ? FixedLimitA[i] * BitCount(GridMask[i]) * kwPerA
        : (GridMask[i] & bit) != 0 && RootOf(snapshot.Connectors[i].CircuitIndex) == root ? FixedLimitA[i] : 0;

    private int RootOf(int node)
    {
        while (NodeParent[node] >= 0)
        {
            node = NodeParent[node];
        }

        return node;
    }

    private static int BitCount(int mask) => System.Numerics.BitOperations.PopCount((uint)mask);
}
