namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary>The CALLERROR codes of OCPP-J 1.6, section 4.2.3 (spelling as the specification has it).</summary>
public static class OcppErrorCode
{
    /// <summary>The action is not known.</summary>
    public const string NotImplemented = "NotImplemented";

    /// <summary>The action is known but not supported in this direction or by this receiver.</summary>
    public const string NotSupported = "NotSupported";

    /// <summary>The receiver failed while handling the call.</summary>
    public const string InternalError = "InternalError";

    /// <summary>The payload for the action is incomplete.</summary>
    public const string ProtocolError = "ProtocolError";

    /// <summary>The call is not allowed now (for instance before the BootNotification was accepted).</summary>
    public const string SecurityError = "SecurityError";

    /// <summary>The payload is syntactically incorrect or does not conform to the PDU structure.</summary>
    public const string FormationViolation = "FormationViolation";

    /// <summary>A field holds a value its constraints do not allow.</summary>
    public const string PropertyConstraintViolation = "PropertyConstraintViolation";

    /// <summary>A field violates occurrence constraints (a required field is missing, too many items).</summary>
    public const string OccurenceConstraintViolation = "OccurenceConstraintViolation";

    /// <summary>A field has the wrong data type.</summary>
    public const string TypeConstraintViolation = "TypeConstraintViolation";

    /// <summary>Any other error.</summary>
    public const string GenericError = "GenericError";
}
