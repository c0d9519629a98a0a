namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// A property of issue 13 that the loop before its rewrite breaks (the figures it reached are in the
/// branch's report and docs/control-loop.md). Skipped unless CHARGENET_REAL_SITE=1, so the suite stays
/// green until the new loop lands; then this gate goes and the properties always run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealSiteTheoryAttribute : TheoryAttribute
{
    public RealSiteTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("CHARGENET_REAL_SITE") != "1")
        {
            Skip = "issue 13: fails against today's control loop; run with CHARGENET_REAL_SITE=1";
        }
    }
}
