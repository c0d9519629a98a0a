namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A connector stale only because its charger missed its latest reads a moment ago (<see cref="ConnectorInput.KeepsLimitThroughMissedRead"/>)
/// keeps its last limit rather than being sent its failsafe: it is counted at the most it may hold either way, so the
/// failsafe freed no room — it only cut its car and left a draw the estimate could not follow for a dead time, which paused
/// others (docs/control-loop.md, Session 28). Not when a cut may be needed of it: a fresh meter above it reads over its
/// limit less the margin on a phase it is counted on, or a meter above it is unknown (the grid meter's fallback, property 4).
/// </summary>
internal sealed partial class AllocationProblem
{
    private bool KeepsLimitThroughMissedRead(ConnectorInput connector, int gridMask, SiteSnapshot snapshot)
    {
        if (!connector.KeepsLimitThroughMissedRead)
        {
            return false;
        }

        var marginA = snapshot.Settings.SafetyMarginA;
        for (var k = connector.CircuitIndex; k >= 0; k = NodeParent[k])
        {
            if (_meterState[k] == MeterState.Stale)
            {
                return false;
            }

            if (_meterState[k] == MeterState.Fresh)
            {
                var node = snapshot.Nodes[k];
                for (var p = 0; p < 3; p++)
                {
                    if ((gridMask & (1 << p)) != 0 && node.Meter!.CurrentA[p] > node.MaxCurrentA[p] - marginA)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }
}
