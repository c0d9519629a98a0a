namespace ChargeNet.Drivers.Modbus;

/// <summary>A reply broke the protocol (short, bad CRC, wrong function, wrong byte count, trailing bytes, …).</summary>
public sealed class ModbusProtocolException : ModbusException
{
    public ModbusProtocolException()
    {
    }

    public ModbusProtocolException(string message)
        : base(message)
    {
    }

    public ModbusProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
