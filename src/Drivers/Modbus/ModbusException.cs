using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Modbus;

/// <summary>Base of every Modbus failure: an exception response, a malformed reply, a timeout or a lost connection.</summary>
public class ModbusException : DeviceException
{
    public ModbusException()
    {
    }

    public ModbusException(string message)
        : base(message)
    {
    }

    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether sending the same request again may succeed (timeouts, busy, garbled replies).</summary>
    public virtual bool IsTransient => true;
}
