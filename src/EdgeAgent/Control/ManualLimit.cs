namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// An operator's or installer's cap on one charger (every connector) or one connector, in amperes
/// per phase. The balancer treats it as that connector's maximum: it lowers, never raises, what the
/// configuration allows, and the circuit limits still apply. 0 pauses charging.
/// </summary>
/// <param name="ChargerId">The charger.</param>
/// <param name="ConnectorId">The connector; null for every connector of the charger.</param>
/// <param name="MaxCurrentA">The cap.</param>
/// <param name="SetAt">When it was set.</param>
/// <param name="SetBy">Who set it (the login's user, or the API token's).</param>
/// <param name="ExpiresAt">When it lapses by itself; null for never.</param>
public sealed record ManualLimit(string ChargerId, int? ConnectorId, double MaxCurrentA, DateTimeOffset SetAt, string SetBy, DateTimeOffset? ExpiresAt)
{
    public bool AppliesTo(string chargerId, int connectorId) =>
        ChargerId == chargerId && (ConnectorId is null || ConnectorId == connectorId);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;
}
