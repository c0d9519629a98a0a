namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary>
/// The CALLERROR codes as each OCPP version spells them. The edge decides in 1.6's words
/// (<see cref="OcppErrorCode"/>); OCPP-J 2.0.1 section 4.3 renames two (FormatViolation,
/// OccurrenceConstraintViolation) and adds RpcFrameworkError (a frame that is no valid RPC message)
/// and MessageTypeNotSupported (an unknown message type number).
/// </summary>
public static class OcppErrorSpelling
{
    public const string FormatViolation = "FormatViolation";
    public const string OccurrenceConstraintViolation = "OccurrenceConstraintViolation";
    public const string RpcFrameworkError = "RpcFrameworkError";
    public const string MessageTypeNotSupported = "MessageTypeNotSupported";

    /// <summary>A code of the edge's handlers and validator as <paramref name="version"/> spells it.</summary>
    public static string For(OcppVersion version, string code) => version != OcppVersion.V201 ? code : code switch
    {
        OcppErrorCode.FormationViolation => FormatViolation,
        OcppErrorCode.OccurenceConstraintViolation => OccurrenceConstraintViolation,
        _ => code,
    };

    /// <summary>The code of a frame that could not be decoded, as <paramref name="version"/> names it.</summary>
    public static string ForUndecodable(OcppVersion version, OcppDecodeFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (version != OcppVersion.V201)
        {
            return failure.ErrorCode;
        }

        return failure.UnknownMessageType ? MessageTypeNotSupported
            : failure.PayloadMalformed ? FormatViolation
            : RpcFrameworkError;
    }
}
