using System.Text.Json;

namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary><c>[3, "messageId", {payload}]</c>.</summary>
public sealed record OcppCallResult(string MessageId, JsonElement Payload) : OcppFrame(MessageId);
