namespace ChargeNet.Drivers.Devices;

/// <summary>A charger's connectors as last read or reported.</summary>
/// <param name="ChargerId">The charger's id in the site configuration.</param>
/// <param name="Online">True while the charger answers (Modbus) or is connected (OCPP).</param>
/// <param name="Connectors">Each connector's status.</param>
/// <param name="Timestamp">When the newest of these values was read.</param>
public sealed record ChargerStatus(
    string ChargerId,
    bool Online,
    IReadOnlyList<ConnectorStatus> Connectors,
    DateTimeOffset Timestamp);
