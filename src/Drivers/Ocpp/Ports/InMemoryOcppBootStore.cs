using System.Collections.Concurrent;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A thread-safe in-memory <see cref="IOcppBootStore"/>: the default when the host keeps none, and for tests.</summary>
public sealed class InMemoryOcppBootStore : IOcppBootStore
{
    private readonly ConcurrentDictionary<string, OcppBootRecord> _boots = new(StringComparer.Ordinal);

    public Task<OcppBootRecord?> FindAsync(string chargePointId, CancellationToken cancellationToken) =>
        Task.FromResult(_boots.GetValueOrDefault(chargePointId));

    public Task SaveAsync(OcppBootRecord record, CancellationToken cancellationToken)
    {
        _boots[record.ChargePointId] = record;
        return Task.CompletedTask;
    }
}
