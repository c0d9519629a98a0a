namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary>
/// A frame that could not be decoded. <see cref="ShouldReply"/> is false for a broken CALLRESULT or
/// CALLERROR (those are never answered); otherwise the receiver answers with a CALLERROR carrying
/// <see cref="MessageId"/> ("-1" when the frame's id could not be read).
/// </summary>
/// <param name="UnknownMessageType">The frame's message type number is none of 2, 3, 4.</param>
/// <param name="PayloadMalformed">The frame is a sound CALL whose payload is no JSON object.</param>
public sealed record OcppDecodeFailure(string MessageId, string ErrorCode, string Description, bool ShouldReply, bool UnknownMessageType = false, bool PayloadMalformed = false);
