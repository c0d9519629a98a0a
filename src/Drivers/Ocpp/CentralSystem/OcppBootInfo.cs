namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>Who a charge point said it was in its last BootNotification, in any OCPP version.</summary>
public sealed record OcppBootInfo(string Vendor, string Model, string? SerialNumber, string? FirmwareVersion);
