namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>One period of a charging schedule: from StartPeriod seconds after the schedule's start, Limit in the schedule's unit (OCPP 1.6, section 7).</summary>
public sealed record ChargingSchedulePeriod(
    int StartPeriod,
    decimal Limit,
    int? NumberPhases = null);
