using ChargeNet.Drivers.Ocpp.CentralSystem;

namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>BootNotification.req: the charge point introduces itself.</summary>
public sealed record BootNotificationRequest(
    string ChargePointVendor,
    string ChargePointModel,
    string? ChargePointSerialNumber = null,
    string? ChargeBoxSerialNumber = null,
    string? FirmwareVersion = null,
    string? Iccid = null,
    string? Imsi = null,
    string? MeterType = null,
    string? MeterSerialNumber = null)
{
    /// <summary>Who the charge point says it is, as every version tells it.</summary>
    public OcppBootInfo ToBootInfo() => new(ChargePointVendor, ChargePointModel, ChargePointSerialNumber ?? ChargeBoxSerialNumber, FirmwareVersion);
}
