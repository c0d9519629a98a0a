namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// The charging profiles the upstream set on each relayed charger, as the edge keeps them
/// (docs/upstream.md, "Limits"): the daemon keeps them in its store, so the upstream's limits stay
/// in force across a restart of the edge; an in-memory one serves tests and hosts without a store.
/// </summary>
public interface IOcppUpstreamProfileStore
{
    /// <summary>
    /// The charger's kept profiles, each as the SetChargingProfile request (JSON) that installed it.
    /// Synchronous: read once per charger and run, where the limit the edge sends a charger is computed.
    /// </summary>
    IReadOnlyList<string> Load(string chargePointId);

    /// <summary>Replaces the charger's kept profiles (none: it has none left).</summary>
    Task SaveAsync(string chargePointId, IReadOnlyList<string> profiles, CancellationToken cancellationToken);
}
