namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>One charger in telemetry.</summary>
public sealed record TelemetryCharger(string Id, bool Online, IReadOnlyList<TelemetryConnector> Connectors)
{
    /// <summary>An OCPP charger without a password (docs/security.md).</summary>
    public bool Unsecured { get; init; }
}
