namespace ChargeNet.EdgeAgent.Control;

/// <summary>One charger as the page, the REST API and telemetry show it.</summary>
public sealed record ChargerView(string Id, bool Online, string? LastError, IReadOnlyList<ConnectorView> Connectors);
