using ChargeNet.Drivers.Ocpp.Messages;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>An accepted BootNotification: who the charge point said it was, and when.</summary>
public sealed record OcppBootRecord(
    string ChargePointId,
    DateTimeOffset AcceptedAt,
    string Vendor,
    string Model,
    string? SerialNumber,
    string? FirmwareVersion)
{
    public static OcppBootRecord From(string chargePointId, DateTimeOffset acceptedAt, BootNotificationRequest boot) =>
        new(chargePointId, acceptedAt, boot.ChargePointVendor, boot.ChargePointModel, boot.ChargePointSerialNumber ?? boot.ChargeBoxSerialNumber, boot.FirmwareVersion);

    /// <summary>The boot as the charge point sent it, as far as it was kept.</summary>
    public BootNotificationRequest ToRequest() => new(Vendor, Model, SerialNumber, FirmwareVersion: FirmwareVersion);
}
