namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>GetCompositeSchedule.conf.</summary>
public sealed record GetCompositeScheduleResponse(
    string Status,
    int? ConnectorId = null,
    DateTimeOffset? ScheduleStart = null,
    ChargingSchedule? ChargingSchedule = null);
