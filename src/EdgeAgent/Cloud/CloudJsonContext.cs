using System.Text.Json.Serialization;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The MQTT payloads (events and sessions are the domain records, whose fields are the contract's), compact camelCase JSON (docs/mqtt.md).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(TelemetryPayload))]
[JsonSerializable(typeof(Sessions.ChargingSession))]
[JsonSerializable(typeof(Domain.EdgeEvent))]
[JsonSerializable(typeof(CommandResult))]
internal sealed partial class CloudJsonContext : JsonSerializerContext;
