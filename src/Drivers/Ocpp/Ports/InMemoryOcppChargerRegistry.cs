using System.Collections.Concurrent;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A thread-safe in-memory <see cref="IOcppChargerRegistry"/> for tests and simple hosts.</summary>
public sealed class InMemoryOcppChargerRegistry : IOcppChargerRegistry
{
    private readonly ConcurrentDictionary<string, OcppChargerRegistration> _chargers = new(StringComparer.Ordinal);
    private readonly OcppPendingList _pending = new();

    /// <summary>"Accept new chargers": admit unlisted charge points as pending.</summary>
    public bool AcceptNewChargers { get; set; }

    /// <summary>Charge points admitted as pending, by id.</summary>
    public IReadOnlyDictionary<string, OcppPendingCharger> Pending => _pending.All;

    /// <summary>Adds or replaces a charge point speaking <paramref name="version"/>; <paramref name="password"/> is kept only as a salted hash.</summary>
    public void Add(string chargePointId, string? password = null, OcppChargerSettings? settings = null, OcppVersion version = OcppVersion.V16, Upstream.OcppUpstreamTarget? upstream = null)
    {
        if (password is not null && OcppPasswordRule.Check(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        _chargers[chargePointId] = new OcppChargerRegistration(
            chargePointId,
            password is null ? null : OcppStoredPassword.Create(password),
            settings ?? new OcppChargerSettings(),
            version,
            upstream);
    }

    public void Remove(string chargePointId) => _chargers.TryRemove(chargePointId, out _);

    public Task<OcppChargerRegistration?> FindAsync(string chargePointId, CancellationToken cancellationToken) =>
        Task.FromResult(_chargers.GetValueOrDefault(chargePointId));

    public Task<bool> AcceptsNewChargersAsync(CancellationToken cancellationToken) => Task.FromResult(AcceptNewChargers);

    public Task RecordPendingAsync(OcppPendingCharger charger, CancellationToken cancellationToken)
    {
        _pending.Record(charger);
        return Task.CompletedTask;
    }
}
