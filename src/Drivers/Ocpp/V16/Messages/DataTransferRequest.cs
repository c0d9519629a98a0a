namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>DataTransfer.req, in either direction.</summary>
public sealed record DataTransferRequest(
    string VendorId,
    string? MessageId = null,
    string? Data = null);
