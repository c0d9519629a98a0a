namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetCompositeSchedule.req.</summary>
public sealed record GetCompositeScheduleRequest(
    int ConnectorId,
    int Duration,
    ChargingRateUnitType? ChargingRateUnit = null);
