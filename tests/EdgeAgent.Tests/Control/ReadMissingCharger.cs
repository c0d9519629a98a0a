using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A charger that, once told to, misses reads — a Modbus wallbox whose poll goes unanswered now and then (the site simulator's
/// <c>ModbusBehaviour.LateShare</c>/<c>SilentShare</c>) — or falls silent for good: no read, no write (its port closed).
/// </summary>
internal sealed class ReadMissingCharger(ICharger inner) : ICharger
{
    private int _readsToMiss;

    public string Id => inner.Id;

    /// <summary>No read and no write answers any more.</summary>
    public bool Silent { get; set; }

    /// <summary>How many reads it did not answer.</summary>
    public int Missed { get; private set; }

    /// <summary>The next <paramref name="count"/> reads go unanswered; limits still reach the charger.</summary>
    public void MissReads(int count) => _readsToMiss = count;

    public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        if (Silent || _readsToMiss > 0)
        {
            _readsToMiss--;
            Missed++;
            throw new DeviceException($"charger '{Id}': no answer (test)");
        }

        return inner.ReadStatusAsync(cancellationToken);
    }

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        Silent ? Task.FromResult(SetpointResult.Failed("no answer (test)")) : inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
}
