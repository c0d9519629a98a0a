namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The peak target as one more linear constraint (docs/load-balancing.md, "Peak target"): the power
/// of every car together may not exceed the target less the load nobody controls at the grid
/// connection (its roots' base loads, stale connectors included at what they are counted at).
/// </summary>
internal sealed partial class AllocationProblem
{
    public int PeakTargetConstraint = -1;

    private int BuildPeakTargetConstraint(SiteSnapshot snapshot, int count)
    {
        PeakTargetConstraint = -1;
        if (snapshot.Constraints.SitePowerTargetKw is not { } targetKw)
        {
            return count;
        }

        var kwPerA = snapshot.Settings.NominalVoltageV / 1000;
        var (baseKw, lowKw) = (0.0, 0.0);
        for (var k = 0; k < NodeCount; k++)
        {
            if (NodeParent[k] >= 0)
            {
                continue;
            }

            for (var p = 0; p < 3; p++)
            {
                baseKw += BaseA[(k * 3) + p] * kwPerA;
                lowKw += BaseLowA[(k * 3) + p] * kwPerA;
            }
        }

        PeakTargetConstraint = count;
        SetConstraint(count, targetKw - baseKw, ConstraintKind.PeakTarget, -1, -1, baseKw - lowKw);
        return count + 1;
    }
}
