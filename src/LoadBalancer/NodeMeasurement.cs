namespace ChargeNet.LoadBalancer;

/// <summary>
/// What the meter of a circuit node measured per phase, with the time of the reading. The reading is
/// stale when <see cref="IsStale"/> is set (the meter is silent or failing) or when it is older than
/// <see cref="BalancerSettings.MeasurementMaxAge"/> at the snapshot time.
/// </summary>
public sealed record NodeMeasurement(PhaseCurrents CurrentA, DateTimeOffset Timestamp, bool IsStale = false);
