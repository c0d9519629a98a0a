namespace ChargeNet.Drivers.Devices;

/// <summary>A device driver that keeps track of its device's health.</summary>
public interface IHasDeviceHealth
{
    DeviceHealth Health { get; }
}
