namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>A connector's status in StatusNotification (OCPP 1.6, section 7).</summary>
public enum ChargePointStatus
{
    Available,
    Preparing,
    Charging,
    SuspendedEVSE,
    SuspendedEV,
    Finishing,
    Reserved,
    Unavailable,
    Faulted,
}
