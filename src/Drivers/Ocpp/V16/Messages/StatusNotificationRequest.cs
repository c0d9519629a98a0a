namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>StatusNotification.req.</summary>
public sealed record StatusNotificationRequest(
    int ConnectorId,
    string ErrorCode,
    ChargePointStatus Status,
    string? Info = null,
    DateTimeOffset? Timestamp = null,
    string? VendorId = null,
    string? VendorErrorCode = null);
