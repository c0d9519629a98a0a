namespace ChargeNet.EdgeAgent.Control;

/// <summary>One charger as the page, the REST API and telemetry show it.</summary>
public sealed record ChargerView(string Id, bool Online, string? LastError, IReadOnlyList<ConnectorView> Connectors)
{
    /// <summary>An OCPP charger configured without a password: anyone on the network could pose as it (security profile 0).</summary>
    public bool Unsecured { get; init; }
}
