namespace ChargeNet.LoadBalancer;

/// <summary>
/// Everything one allocation needs, taken at one moment. The balancer has no clock: <see cref="Time"/>
/// is the moment, and every age (stale data, hold times, ramps) is measured from it.
/// </summary>
public sealed record SiteSnapshot
{
    /// <summary>The moment of the snapshot.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The circuit tree; a parent comes before its children.</summary>
    public required CircuitNode[] Nodes { get; init; }

    /// <summary>The connectors.</summary>
    public required ConnectorInput[] Connectors { get; init; }

    /// <summary>Curtailment and emergency stop.</summary>
    public SiteConstraints Constraints { get; init; } = SiteConstraints.None;

    /// <summary>The balancing settings.</summary>
    public required BalancerSettings Settings { get; init; }
}
