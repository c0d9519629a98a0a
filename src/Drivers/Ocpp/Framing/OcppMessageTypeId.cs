namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary>The first element of every OCPP-J frame (OCPP-J 1.6, section 4.1).</summary>
public enum OcppMessageTypeId
{
    Call = 2,
    CallResult = 3,
    CallError = 4,
}
