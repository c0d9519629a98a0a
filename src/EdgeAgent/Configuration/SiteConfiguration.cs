namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The whole configuration of one site: the site.json document of docs/configuration.md.
/// Data, not code: validated as a whole, versioned in the store, applied live.
/// </summary>
public sealed record SiteConfiguration
{
    public string SiteId { get; init; } = "";

    /// <summary>The IANA time zone of tariff periods and statements; none means UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Where the site is, for the open station data.</summary>
    public LocationSettings? Location { get; init; }

    public GridSettings Grid { get; init; } = new();

    public IReadOnlyList<CircuitSettings> Circuits { get; init; } = [];

    public IReadOnlyList<MeterSettings> Meters { get; init; } = [];

    public IReadOnlyList<ChargerSettings> Chargers { get; init; } = [];

    public GpioSettings? Gpio { get; init; }

    public OcppSettings? Ocpp { get; init; }

    public CloudSettings? Cloud { get; init; }

    public WebSettings? Web { get; init; }

    /// <summary>Tariffs; none: sessions carry no cost (docs/pricing.md).</summary>
    public PricingSettings? Pricing { get; init; }

    /// <summary>Who may charge; none: <c>local</c> mode.</summary>
    public AuthorizationSettings? Authorization { get; init; }
}
