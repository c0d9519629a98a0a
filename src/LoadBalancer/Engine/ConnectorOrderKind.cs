namespace ChargeNet.LoadBalancer.Engine;

/// <summary>Which order <see cref="ConnectorOrder"/> sorts by.</summary>
internal enum ConnectorOrderKind
{
    Serve,
    Pause,
    Arrival,
    Slack,
    Allocation,
    Raise,
}
