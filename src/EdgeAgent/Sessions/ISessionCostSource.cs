using SessionCost = ChargeNet.EdgeAgent.Pricing.SessionCost;
namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Where sessions get their tariff and cost from (the pricing engine plugs in here). Pure as seen
/// from the recorder: it is asked outside any store transaction, and what it returns is written with the record.
/// </summary>
public interface ISessionCostSource
{
    /// <summary>The tariff a session that is starting pays (docs/pricing.md, "Which tariff"), or null when the site has no pricing.</summary>
    Task<string?> TariffForAsync(string chargerId, int connectorId, string? idTag, CancellationToken cancellationToken);

    /// <summary>
    /// The cost of <paramref name="session"/> (its readings, usage and tariff) up to <paramref name="asOf"/>:
    /// its stop once it is finished, now while it runs. Null when the site has no pricing.
    /// </summary>
    SessionCost? CostOf(ChargingSession session, DateTimeOffset asOf);
}
