namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The local web page and REST API.</summary>
public sealed record WebSettings
{
    /// <summary>Let anyone on the local network read the site status without logging in.</summary>
    public bool PublicStatus { get; init; }

    /// <summary>Serve the site's locations and tariffs as OCPI 2.2.1 objects without login (docs/pricing.md).</summary>
    public bool PublicStations { get; init; }

    /// <summary>Serve the driver's page /c/{chargerId} and its JSON without login (docs/web.md); on unless turned off.</summary>
    public bool DriverPage { get; init; } = true;
}
