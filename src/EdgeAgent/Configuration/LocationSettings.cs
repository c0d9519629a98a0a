namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>Where the site is, as the open station data shows it (docs/pricing.md, OCPI 2.2.1 Location).</summary>
public sealed record LocationSettings
{
    public string Name { get; init; } = "";

    public string Address { get; init; } = "";

    public string City { get; init; } = "";

    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-3, e.g. <c>SWE</c> (as OCPI has it).</summary>
    public string Country { get; init; } = "";

    /// <summary>WGS 84 degrees; decimal so the figures are shown exactly as written.</summary>
    public decimal Latitude { get; init; }

    public decimal Longitude { get; init; }
}
