namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>DataTransfer.req, in either direction.</summary>
public sealed record DataTransferRequest(
    string VendorId,
    string? MessageId = null,
    string? Data = null);
