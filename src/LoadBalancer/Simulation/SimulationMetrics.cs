namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// What a replay measured: energy delivered as a share of energy requested, the share of cars fully
/// served, the peak current against the limit, the seconds any limit was exceeded, Jain's fairness
/// index over the sessions' served shares, and the share of the available capacity used while the
/// cars present wanted more than it.
/// </summary>
public sealed record SimulationMetrics(
    string Strategy,
    double CapacityKw,
    double DeliveredKwh,
    double RequestedKwh,
    double FullyServedShare,
    double PeakCurrentA,
    double LimitA,
    double SecondsAboveLimit,
    double JainIndex,
    double CapacityUsedWhenShortShare)
{
    /// <summary>Energy delivered as a percentage of energy requested.</summary>
    public double DeliveredPercent => RequestedKwh > 0 ? 100 * DeliveredKwh / RequestedKwh : 100;
}
