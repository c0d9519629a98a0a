namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>A charging schedule (OCPP 1.6, section 7).</summary>
public sealed record ChargingSchedule(
    ChargingRateUnitType ChargingRateUnit,
    IReadOnlyList<ChargingSchedulePeriod> ChargingSchedulePeriod,
    int? Duration = null,
    DateTimeOffset? StartSchedule = null,
    decimal? MinChargingRate = null);
