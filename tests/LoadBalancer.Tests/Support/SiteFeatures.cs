namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>Which parts of a site the random generator may use.</summary>
[Flags]
internal enum SiteFeatures
{
    None = 0,
    Meters = 1,
    StaleData = 2,
    PowerAndCurtailment = 4,
    Imbalance = 8,
    All = Meters | StaleData | PowerAndCurtailment | Imbalance,
}
