namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// What a charger that displays prices is told in the answers to its own messages (docs/ocpp.md, "Tariff and
/// cost on a 2.0.1 station"): the driver's price and the session's cost as the site's pricing has them (incl.
/// VAT, docs/pricing.md). Optional: a central system without one sends nothing about money.
/// </summary>
public interface IOcppCostSource
{
    /// <summary>The price the driver with <paramref name="idTag"/> pays on this charger now, as one line of text; null where the site has no pricing.</summary>
    Task<string?> PriceTextAsync(string chargePointId, int? connectorId, string idTag, CancellationToken cancellationToken);

    /// <summary>What the running session of this transaction on this connector costs so far, incl. VAT; null where it has no cost or is not running.</summary>
    decimal? RunningTotal(string chargePointId, int connectorId, ChargerTransactionId transactionId, DateTimeOffset now);

    /// <summary>
    /// The price anyone pays on this charger now (its tariff, no driver's own), as one line of text, and until when it holds: the
    /// next change of price (a period boundary in the site's time zone, a spot price's edge), at the latest the end of the next
    /// local day. What an idle station shows (docs/ocpp.md, "The price on an idle 2.0.1 station"); null where the site has no pricing.
    /// </summary>
    OcppShownPrice? PriceShown(string chargePointId, DateTimeOffset now);

    /// <summary>What the finished session with this id (<see cref="OcppSession.Id"/>) costs in all; null where it has no cost.</summary>
    Task<OcppFinalCost?> FinalCostAsync(string sessionId, CancellationToken cancellationToken);
}

/// <summary>A finished session's cost as a display shows it.</summary>
/// <param name="Total">Incl. VAT, in the site's currency, with 2 decimals.</param>
/// <param name="Text">One line for the driver (total, VAT, energy).</param>
public sealed record OcppFinalCost(decimal Total, string Text);

/// <summary>A price for an idle display: the text, and the moment it stops holding (the display drops it then).</summary>
public sealed record OcppShownPrice(string Text, DateTimeOffset Until);
