using ChargeNet.EdgeAgent.Sessions;
using PricedUsage = ChargeNet.EdgeAgent.Pricing.SessionUsage;
using PricedReading = ChargeNet.EdgeAgent.Pricing.EnergyReading;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The sessions' cost from the site's tariffs (docs/pricing.md): the session recorder's view of a
/// session (its readings, its idle time) turned into the cost engine's. The idle fee counts idle time
/// beyond the grace as a total, so the recorder's total idle time is given as one span from the start.
/// </summary>
public sealed class PricedSessions(ISessionCostCalculator calculator) : ISessionCostSource
{
    /// <summary>The charger's tariff, else the default; an authorization-list entry's tariff comes with the entries (issue 15).</summary>
    public string? TariffFor(string chargerId, int connectorId, string? idTag) => calculator.TariffIdFor(chargerId, null);

    public SessionCost? CostOf(ChargingSession session, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(session);
        var usage = session.Usage;
        var priced = new PricedUsage
        {
            StartedAt = session.StartedAt,
            StoppedAt = session.StoppedAt,
            Readings = [.. usage.Readings.Select(r => new PricedReading(r.At, (decimal)r.RegisterWh))],
            IdleSpans = usage.Idle > TimeSpan.Zero ? [new TimeRange(session.StartedAt, session.StartedAt + usage.Idle)] : [],
        };

        return calculator.CostOf(session.ChargerId, null, priced, asOf);
    }
}
