using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>One charger: how it is configured, how it is doing, and what can be asked of it.</summary>
/// <param name="Connection">The driver's link: unknown, connected, degraded or lost.</param>
/// <param name="Connectors">Each connector's state, current and setpoint after the last cycle.</param>
/// <param name="Actions">The actions this charger supports through <c>POST /api/v1/chargers/{id}/{action}</c>.</param>
public sealed record ChargerDetail(
    string Id,
    string Protocol,
    string Circuit,
    string PhaseRotation,
    double MinCurrentA,
    double MaxCurrentA,
    bool Online,
    string Connection,
    string? LastError,
    IReadOnlyList<ConnectorView> Connectors,
    IReadOnlyList<string> Actions)
{
    /// <summary>A relayed charger's link to the upstream central system (docs/upstream.md, "Visible"); not in JSON for one not relayed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Drivers.Ocpp.Upstream.OcppUpstreamState? Upstream { get; init; }
}
