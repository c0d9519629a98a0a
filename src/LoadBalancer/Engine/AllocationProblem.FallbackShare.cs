namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A charger that did not take some of its latest limits (refused, failed, timed out: <see cref="ConnectorInput.LimitsNotTaken"/>)
/// may not take the cut the grid meter's fallback needs either, and while it refuses its car keeps what it has. The fallback
/// must hold within meterTimeoutS + one cycle + the dead time (issue 13, property 4): the other cars can be cut harder, but a
/// car that alone draws more than the fallback current keeps the phase over it for as long as its charger refuses (on the site
/// bench, seed 1 at 5 s: one at 32 A against a 30 A fallback, four refusals in a row, 4 s past the bound; docs/control-loop.md,
/// Session 19). So such chargers are offered no more than their share of the fallback current on their grid phases: if the meter
/// goes silent while they refuse, the phase stays within the fallback once the others are cut. Never under a car's minimum:
/// the hedge in fallback still covers that case, and no car is paused for it.
/// </summary>
internal sealed partial class AllocationProblem
{
    private void CapUnsureAtFallbackShare(SiteSnapshot snapshot)
    {
        if (!GridHasMeter(snapshot))
        {
            return; // no fallback to keep
        }

        var connectors = snapshot.Connectors;
        Span<int> unsurePerPhase = stackalloc int[3];
        for (var i = 0; i < ConnectorCount; i++)
        {
            if (RefusedLately(connectors[i], i))
            {
                for (var p = 0; p < 3; p++)
                {
                    unsurePerPhase[p] += (GridMask[i] >> p) & 1;
                }
            }
        }

        for (var i = 0; i < ConnectorCount; i++)
        {
            if (!RefusedLately(connectors[i], i))
            {
                continue;
            }

            var sharing = 1;
            for (var p = 0; p < 3; p++)
            {
                if ((GridMask[i] & (1 << p)) != 0)
                {
                    sharing = Math.Max(sharing, unsurePerPhase[p]);
                }
            }

            var shareA = Steps.Down(snapshot.Settings.FallbackCurrentA / sharing, connectors[i].StepA);
            if (shareA >= LowA[i] && shareA < HighA[i])
            {
                HighA[i] = shareA;
                HighReason[i] = AllocationReason.NodeCurrentLimit; // the grid's fallback current
                FixedReason[i] = HighReason[i];
            }
        }
    }

    private bool RefusedLately(ConnectorInput connector, int i) => Participates[i] && connector.LimitsNotTaken > 0;

    private static bool GridHasMeter(SiteSnapshot snapshot)
    {
        foreach (var node in snapshot.Nodes)
        {
            if (node.ParentIndex < 0 && node.Meter is not null)
            {
                return true;
            }
        }

        return false;
    }
}
