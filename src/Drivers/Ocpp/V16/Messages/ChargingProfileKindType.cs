namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>How a charging profile's schedule is anchored in time.</summary>
public enum ChargingProfileKindType
{
    Absolute,
    Recurring,
    Relative,
}
