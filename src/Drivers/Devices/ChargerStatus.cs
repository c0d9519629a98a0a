namespace ChargeNet.Drivers.Devices;

/// <summary>A charger's connectors as last read or reported.</summary>
/// <param name="ChargerId">The charger's id in the site configuration.</param>
/// <param name="Online">True while the charger answers (Modbus) or is connected (OCPP).</param>
/// <param name="Connectors">Each connector's status.</param>
/// <param name="Timestamp">When the newest of these values was read.</param>
/// <param name="LastContactAt">
/// When the charger last proved it is there, whatever it said: for OCPP the last frame it sent, or
/// the latest time the WebSocket keep-alive vouches for (a connection that misses a pong is closed,
/// so an open one answered a ping within KeepAliveInterval + KeepAliveTimeout); for Modbus the last
/// successful read. Liveness comes from this, not from the age of the meter values. Null when never.
/// </param>
public sealed record ChargerStatus(
    string ChargerId,
    bool Online,
    IReadOnlyList<ConnectorStatus> Connectors,
    DateTimeOffset Timestamp,
    DateTimeOffset? LastContactAt = null);
