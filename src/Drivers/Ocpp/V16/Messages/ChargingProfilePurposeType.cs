namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>What a charging profile is for (OCPP 1.6, section 7).</summary>
public enum ChargingProfilePurposeType
{
    ChargePointMaxProfile,
    TxDefaultProfile,
    TxProfile,
}
