namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>GetCompositeSchedule.req.</summary>
public sealed record GetCompositeScheduleRequest(
    int ConnectorId,
    int Duration,
    ChargingRateUnitType? ChargingRateUnit = null);
