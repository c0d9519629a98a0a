namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Counts the retries the exchanges of one device read needed, and why the last was retried, so a
/// device that answers only on a second try shows as degraded rather than healthy. One per read; not shared.
/// </summary>
public sealed class ModbusRetryTally
{
    public int Retries { get; private set; }

    public string? LastReason { get; private set; }

    internal void Add(string reason)
    {
        Retries++;
        LastReason = reason;
    }
}
