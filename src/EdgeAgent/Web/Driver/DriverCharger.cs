namespace ChargeNet.EdgeAgent.Web.Driver;

/// <summary>
/// One charger as a driver's phone sees it (docs/web.md, "The driver's page"): availability, the price
/// now and for the rest of the day, and the running cost of a session on it — never who charges
/// (no idTag, no session or transaction id).
/// </summary>
/// <param name="SiteName">The site's <c>location.name</c>, when it has one.</param>
/// <param name="TimeZone">The site's IANA zone: the page shows times in it.</param>
/// <param name="Ts">When this was true.</param>
/// <param name="Price">The charger's tariff; null on a site without pricing.</param>
public sealed record DriverCharger(string ChargerId, string? SiteName, string TimeZone, DateTimeOffset Ts, IReadOnlyList<DriverConnector> Connectors, DriverPrice? Price);

/// <param name="Status">A connector state of the status (docs/api.md: available, charging, …), <c>offline</c> when the charger is not connected, <c>unknown</c> before the first look.</param>
/// <param name="Session">The session on it, if one runs.</param>
public sealed record DriverConnector(int Id, string Status, DriverSession? Session);

/// <param name="EnergyWh">Delivered so far.</param>
/// <param name="Total">Its running cost incl. VAT (docs/pricing.md, "Running cost"); null without pricing.</param>
public sealed record DriverSession(DateTimeOffset StartedAt, decimal EnergyWh, decimal? Total, string? Currency);

/// <summary>The charger's tariff now (prices incl. VAT) and its energy price from now to the end of the local day.</summary>
/// <param name="Text">The prices in one line, as a charger's display shows them.</param>
/// <param name="Today">From now to the next local midnight, one span per energy price.</param>
public sealed record DriverPrice(
    string TariffName,
    string Currency,
    decimal EnergyPerKwh,
    decimal PerHour,
    decimal SessionFee,
    decimal IdlePerHour,
    decimal IdleGraceMinutes,
    decimal? MinCost,
    decimal? MaxCost,
    string Text,
    IReadOnlyList<DriverPriceSpan> Today);

public sealed record DriverPriceSpan(DateTimeOffset From, DateTimeOffset To, decimal EnergyPerKwh);
