namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>DataTransfer.conf: Accepted, Rejected, UnknownMessageId or UnknownVendorId.</summary>
public sealed record DataTransferResponse(
    string Status,
    string? Data = null);
