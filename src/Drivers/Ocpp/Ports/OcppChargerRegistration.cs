namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A configured charge point.</summary>
/// <param name="ChargePointId">Its id, the last path segment of its URL.</param>
/// <param name="Password">Its HTTP Basic password (security profiles 1 and 2) as a salted hash, or null when it connects without one.</param>
/// <param name="Settings">How the edge manages it.</param>
/// <param name="Version">The OCPP version it is configured to speak (its subprotocol at the upgrade).</param>
/// <param name="Upstream">The operator's central system it is relayed to (docs/upstream.md); null when the edge is its only one.</param>
public sealed record OcppChargerRegistration(
    string ChargePointId,
    OcppStoredPassword? Password,
    OcppChargerSettings Settings,
    OcppVersion Version = OcppVersion.V16,
    Upstream.OcppUpstreamTarget? Upstream = null);
