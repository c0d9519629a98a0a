namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The seam between sessions and pricing: what a session costs under the configuration and spot
/// prices in force. Null when the site has no pricing section (sessions carry no cost).
/// </summary>
public interface ISessionCostCalculator
{
    /// <param name="chargerId">The session's charger (its tariff applies when the idTag's entry names none).</param>
    /// <param name="entryTariff">The tariff of the idTag's authorization-list entry, if any.</param>
    /// <param name="usage">The session's times, readings and idle spans.</param>
    /// <param name="now">The moment a running session's cost is for; ignored once it has stopped.</param>
    SessionCost? CostOf(string chargerId, string? entryTariff, SessionUsage usage, DateTimeOffset now);

    /// <summary>The tariff a session pays (the entry's, else the charger's, else the default); null without pricing.</summary>
    string? TariffIdFor(string chargerId, string? entryTariff);

    /// <summary>The prices a session on <paramref name="chargerId"/> with <paramref name="entryTariff"/> pays at <paramref name="at"/>; null without pricing.</summary>
    PriceNow? PriceAt(string chargerId, string? entryTariff, DateTimeOffset at);

    /// <summary>
    /// The energy prices a session on <paramref name="chargerId"/> with <paramref name="entryTariff"/> pays over
    /// [<paramref name="start"/>, <paramref name="until"/>), as spans of one price each (neighbours with the same price
    /// joined); null without pricing. What the driver's page shows for the rest of the day.
    /// </summary>
    IReadOnlyList<PricedSpan>? EnergyPrices(string chargerId, string? entryTariff, DateTimeOffset start, DateTimeOffset until);

    /// <summary>
    /// The first moment after <paramref name="at"/> at which the energy price a session on <paramref name="chargerId"/> with
    /// <paramref name="entryTariff"/> pays changes (a period boundary in the site's time zone, a spot price's start or end); the end
    /// of the next local day when it does not change before then; null without pricing. Until when a displayed price holds.
    /// </summary>
    DateTimeOffset? NextPriceChange(string chargerId, string? entryTariff, DateTimeOffset at);
}
