namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A connector stale only because its charger missed its latest reads a moment ago (<see cref="ConnectorInput.KeepsLimitThroughMissedRead"/>)
/// keeps its last limit rather than being sent its failsafe: it is counted at the most it may hold either way, so the
/// failsafe freed no room — it only cut its car and left a draw the estimate could not follow for a dead time, which paused
/// others (docs/control-loop-sessions.md, Session 28). Not when every cut may be needed: a fresh meter above it reads over its limit
/// itself on a phase it is counted on (a real overload), or a meter above it is unknown (the grid meter's fallback,
/// property 4). Within the margin the plan cuts the others around it, as it would in that cycle with the failsafe sent (not
/// counted as gone before it is confirmed and answered) — and a failsafe sent there cut a 22 A car to 6 A whose answer the
/// estimate then read as load nobody controls, pausing five cars (site bench seed 39 at 5 s, 117.5 s).
/// </summary>
internal sealed partial class AllocationProblem
{
    private bool KeepsLimitThroughMissedRead(ConnectorInput connector, int gridMask, SiteSnapshot snapshot)
    {
        if (!connector.KeepsLimitThroughMissedRead)
        {
            return false;
        }

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
                    if ((gridMask & (1 << p)) != 0 && node.Meter!.CurrentA[p] > node.MaxCurrentA[p])
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }
}
