namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>Why a charger gets no list at all.</summary>
public enum LocalListPlanRefusal
{
    /// <summary>The list has more entries than the charger's <c>LocalAuthListMaxLength</c>.</summary>
    ListTooLong,

    /// <summary>The list needs more messages than there are versions from 1 up to the edge's.</summary>
    VersionTooLow,
}
