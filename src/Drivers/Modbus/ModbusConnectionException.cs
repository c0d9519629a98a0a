namespace ChargeNet.Drivers.Modbus;

/// <summary>The line or socket could not be opened, or broke while in use.</summary>
public sealed class ModbusConnectionException : ModbusException
{
    public ModbusConnectionException()
    {
    }

    public ModbusConnectionException(string message)
        : base(message)
    {
    }

    public ModbusConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
