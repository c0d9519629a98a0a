namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>DataTransfer.conf: Accepted, Rejected, UnknownMessageId or UnknownVendorId.</summary>
public sealed record DataTransferResponse(
    string Status,
    string? Data = null);
