namespace ChargeNet.Drivers.Devices;

/// <summary>A device could not be read or written; the message says which device and why.</summary>
public class DeviceException : Exception
{
    public DeviceException()
    {
    }

    public DeviceException(string message)
        : base(message)
    {
    }

    public DeviceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
