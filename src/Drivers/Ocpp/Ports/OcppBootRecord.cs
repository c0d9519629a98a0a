using ChargeNet.Drivers.Ocpp.CentralSystem;

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
    public static OcppBootRecord From(string chargePointId, DateTimeOffset acceptedAt, OcppBootInfo boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        return new(chargePointId, acceptedAt, boot.Vendor, boot.Model, boot.SerialNumber, boot.FirmwareVersion);
    }

    /// <summary>The boot as the charge point sent it, as far as it was kept.</summary>
    public OcppBootInfo ToBootInfo() => new(Vendor, Model, SerialNumber, FirmwareVersion);
}
