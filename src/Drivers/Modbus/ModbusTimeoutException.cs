namespace ChargeNet.Drivers.Modbus;

/// <summary>No valid reply came within the timeout.</summary>
public sealed class ModbusTimeoutException : ModbusException
{
    public ModbusTimeoutException()
    {
    }

    public ModbusTimeoutException(string message)
        : base(message)
    {
    }

    public ModbusTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
