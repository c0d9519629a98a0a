namespace ChargeNet.Drivers.Modbus;

/// <summary>Holds the bus; disposing it hands the bus to the next device in turn.</summary>
public sealed class BusTurn : IDisposable
{
    private BusScheduler? _queue;

    internal BusTurn(BusScheduler queue)
    {
        _queue = queue;
    }

    public void Dispose() => Interlocked.Exchange(ref _queue, null)?.Release();
}
