using System.Collections.Concurrent;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>An <see cref="IOcppUpstreamProfileStore"/> in memory (lost with the process): for tests and hosts without a store.</summary>
public sealed class InMemoryOcppUpstreamProfileStore : IOcppUpstreamProfileStore
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _profiles = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Load(string chargePointId) => _profiles.GetValueOrDefault(chargePointId) ?? [];

    public Task SaveAsync(string chargePointId, IReadOnlyList<string> profiles, CancellationToken cancellationToken)
    {
        _profiles[chargePointId] = [.. profiles];
        return Task.CompletedTask;
    }
}
