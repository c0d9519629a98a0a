namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary>
/// A frame that could not be decoded. <see cref="ShouldReply"/> is false for a broken CALLRESULT or
/// CALLERROR (those are never answered); otherwise the receiver answers with a CALLERROR carrying
/// <see cref="MessageId"/> ("-1" when the frame's id could not be read).
/// </summary>
public sealed record OcppDecodeFailure(string MessageId, string ErrorCode, string Description, bool ShouldReply);
