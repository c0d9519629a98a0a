using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>IdTokenType: the token and its kind (ISO14443, Central, …).</summary>
public sealed record IdToken([property: JsonPropertyName("idToken")] string Token, string Type);

/// <summary>
/// IdTokenInfoType: Accepted, Blocked, Expired, Invalid, … (the statuses 1.6 knows keep their names); until when a
/// station may keep the answer, the group the token belongs to (C09: tokens of one group may stop each other's transactions),
/// and a message for the driver (I01: the driver's tariff).
/// </summary>
public sealed record IdTokenInfo(string Status, DateTimeOffset? CacheExpiryDateTime = null, IdToken? GroupIdToken = null, MessageContent? PersonalMessage = null);
