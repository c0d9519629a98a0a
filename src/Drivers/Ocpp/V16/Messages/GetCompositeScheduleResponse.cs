namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetCompositeSchedule.conf.</summary>
public sealed record GetCompositeScheduleResponse(
    string Status,
    int? ConnectorId = null,
    DateTimeOffset? ScheduleStart = null,
    ChargingSchedule? ChargingSchedule = null);
