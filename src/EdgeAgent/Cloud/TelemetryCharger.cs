namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>One charger in telemetry.</summary>
public sealed record TelemetryCharger(string Id, bool Online, IReadOnlyList<TelemetryConnector> Connectors)
{
    /// <summary>An OCPP charger without a password (docs/security.md).</summary>
    public bool Unsecured { get; init; }

    /// <summary>A relayed charger's link to the upstream central system (docs/upstream.md, "Visible"); absent for one not relayed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Drivers.Ocpp.Upstream.OcppUpstreamState? Upstream { get; init; }
}
