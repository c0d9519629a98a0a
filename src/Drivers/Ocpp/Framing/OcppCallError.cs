using System.Text.Json;

namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary><c>[4, "messageId", "ErrorCode", "description", {details}]</c>.</summary>
public sealed record OcppCallError(string MessageId, string ErrorCode, string Description, JsonElement? Details = null)
    : OcppFrame(MessageId);
