namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The gate of issue 13's properties, which the loop before its rewrite breaks (the figures it reached
/// are in docs/control-loop.md). They are skipped unless CHARGENET_REAL_SITE=1, so the suite stays
/// green until the new loop lands; then this gate goes and the properties always run. The end-to-end
/// tests (tests/Integration) compile this same file.
/// </summary>
internal static class RealSiteGate
{
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable("CHARGENET_REAL_SITE") == "1" ? null : "issue 13: fails against today's control loop; run with CHARGENET_REAL_SITE=1";
}

/// <summary>A theory over issue 13's properties; see <see cref="RealSiteGate"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealSiteTheoryAttribute : TheoryAttribute
{
    public RealSiteTheoryAttribute()
    {
        Skip = RealSiteGate.SkipReason;
    }
}

/// <summary>A fact of issue 13's properties; see <see cref="RealSiteGate"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealSiteFactAttribute : FactAttribute
{
    public RealSiteFactAttribute()
    {
        Skip = RealSiteGate.SkipReason;
    }
}
