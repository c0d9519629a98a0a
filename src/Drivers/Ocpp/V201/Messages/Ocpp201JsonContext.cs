using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>Source-generated JSON metadata for the OCPP 2.0.1 payloads the edge reads and writes: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthorizeRequest))]
[JsonSerializable(typeof(AuthorizeResponse))]
[JsonSerializable(typeof(BootNotificationRequest))]
[JsonSerializable(typeof(BootNotificationResponse))]
[JsonSerializable(typeof(ChangeAvailabilityRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(GetLocalListVersionRequest))]
[JsonSerializable(typeof(GetLocalListVersionResponse))]
[JsonSerializable(typeof(GetLogRequest))]
[JsonSerializable(typeof(GetLogResponse))]
[JsonSerializable(typeof(HeartbeatRequest))]
[JsonSerializable(typeof(HeartbeatResponse))]
[JsonSerializable(typeof(MeterValuesRequest))]
[JsonSerializable(typeof(RequestStartTransactionRequest))]
[JsonSerializable(typeof(RequestStopTransactionRequest))]
[JsonSerializable(typeof(ResetRequest))]
[JsonSerializable(typeof(SendLocalListRequest))]
[JsonSerializable(typeof(SetChargingProfileRequest))]
[JsonSerializable(typeof(StatusNotificationRequest))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(TransactionEventRequest))]
[JsonSerializable(typeof(TransactionEventResponse))]
[JsonSerializable(typeof(TriggerMessageRequest))]
[JsonSerializable(typeof(UnlockConnectorRequest))]
[JsonSerializable(typeof(UpdateFirmwareRequest))]
public sealed partial class Ocpp201JsonContext : JsonSerializerContext;
