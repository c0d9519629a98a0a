namespace ChargeNet.EdgeAgent.Domain;

/// <summary>One charging session on one connector, open while <see cref="StoppedAt"/> is null.</summary>
/// <param name="Id">Unique, chosen by the edge; the cloud drops repeats by it.</param>
/// <param name="ChargerId">The charger's id in the site configuration.</param>
/// <param name="ConnectorId">The connector, 1-based.</param>
/// <param name="TransactionId">The OCPP transaction id; null for Modbus chargers.</param>
/// <param name="IdTag">The driver's idTag; null where none.</param>
/// <param name="StartedAt">When energy could first flow (car plugged in and authorised).</param>
/// <param name="StoppedAt">When it ended; null while it runs.</param>
/// <param name="EnergyWh">Energy delivered so far, or in all once stopped.</param>
/// <param name="StopReason">Why it ended (OCPP reason names: EVDisconnected, Local, Remote, PowerLoss, …).</param>
public sealed record ChargingSession(
    string Id,
    string ChargerId,
    int ConnectorId,
    int? TransactionId,
    string? IdTag,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    double EnergyWh,
    string? StopReason);
