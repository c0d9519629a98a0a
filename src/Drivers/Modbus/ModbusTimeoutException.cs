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

    /// <summary>The unit is silent now (it left its last requests unanswered): another attempt is not worth the link's time.</summary>
    public bool UnitSilent { get; init; }

    public override bool IsTransient => !UnitSilent;
}
