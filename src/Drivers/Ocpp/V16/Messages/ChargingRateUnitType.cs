namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>The unit of a schedule: A is amperes per phase, W is total watts (OCPP 1.6, section 7).</summary>
public enum ChargingRateUnitType
{
    W,
    A,
}
