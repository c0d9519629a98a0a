namespace ChargeNet.EdgeAgent.Control;

/// <summary>One charger as the page, the REST API and telemetry show it.</summary>
public sealed record ChargerView(string Id, bool Online, string? LastError, IReadOnlyList<ConnectorView> Connectors)
{
    /// <summary>An OCPP charger configured without a password: anyone on the network could pose as it (security profile 0).</summary>
    public bool Unsecured { get; init; }

    /// <summary>A relayed charger's link to the upstream central system (docs/upstream.md, "Visible"); null, and not in JSON, for one not relayed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Drivers.Ocpp.Upstream.OcppUpstreamState? Upstream { get; init; }
}
