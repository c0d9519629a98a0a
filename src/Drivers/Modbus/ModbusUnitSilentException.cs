namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// A request refused without being sent: its unit left its last requests unanswered and is backed off, so it
/// does not hold a shared link for its timeout again (docs/devices.md, "Several devices on one link").
/// Not transient: asking again at once would be refused the same way.
/// </summary>
public sealed class ModbusUnitSilentException : ModbusException
{
    public ModbusUnitSilentException()
    {
    }

    public ModbusUnitSilentException(string message)
        : base(message)
    {
    }

    public ModbusUnitSilentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override bool IsTransient => false;
}
