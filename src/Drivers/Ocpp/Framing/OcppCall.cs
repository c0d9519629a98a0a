using System.Text.Json;

namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary><c>[2, "messageId", "Action", {payload}]</c>.</summary>
public sealed record OcppCall(string MessageId, string Action, JsonElement Payload) : OcppFrame(MessageId);
