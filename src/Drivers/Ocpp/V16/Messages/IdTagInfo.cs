namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>The authorization status of an idTag (OCPP 1.6, section 7).</summary>
public sealed record IdTagInfo(
    AuthorizationStatus Status,
    DateTimeOffset? ExpiryDate = null,
    string? ParentIdTag = null);
