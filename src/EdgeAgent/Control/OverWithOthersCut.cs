using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// How far a metered phase stays over its limit once every other car below the meter has come down to its new limit — what is
/// left for one car to cause (docs/control-loop-sessions.md, Session 21). At a +60 A step the loop pauses every car on the phase at once;
/// the others' cuts, taken, free their draws within the dead time. A car whose session would be ended before its pause is answered
/// must be one whose draw alone keeps the phase over: where the others' cuts bring it under, its charger's answer is waited for.
/// </summary>
internal static class OverWithOthersCut
{
    /// <summary>
    /// The meter's reading less what each other car under it frees on the phase (its reported draw above its new limit: the low end
    /// of its draw, so no more is counted freed than it surely draws), less the limit; positive: over even then.
    /// </summary>
    public static double A(SiteSnapshot snapshot, AllocationResult result, int car, int meterNode, int phase, double meteredA)
    {
        var freed = 0.0;
        for (var j = 0; j < snapshot.Connectors.Length; j++)
        {
            if (j != car && Under(snapshot, snapshot.Connectors[j].CircuitIndex, meterNode))
            {
                freed += Frees(snapshot.Connectors[j], result.Connectors[j].LimitA, phase);
            }
        }

        return meteredA - freed - snapshot.Nodes[meterNode].MaxCurrentA[phase];
    }

    private static double Frees(ConnectorInput connector, double newLimitA, int phase)
    {
        var freed = 0.0;
        for (var k = 0; k < connector.WiredPhases; k++)
        {
            if (connector.Rotation.GridPhase(k) == phase)
            {
                freed += Math.Max(0, connector.MeasuredCurrentA[k] - newLimitA);
            }
        }

        return freed;
    }

    private static bool Under(SiteSnapshot snapshot, int node, int ancestor)
    {
        for (var n = node; n >= 0; n = snapshot.Nodes[n].ParentIndex)
        {
            if (n == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
