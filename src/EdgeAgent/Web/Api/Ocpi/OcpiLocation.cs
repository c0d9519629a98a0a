namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>An OCPI 2.2.1 Location (module Locations): the site, with an EVSE per charger connector.</summary>
public sealed record OcpiLocation(
    string Id,
    bool Publish,
    string Name,
    string Address,
    string City,
    string? PostalCode,
    string Country,
    OcpiGeoLocation Coordinates,
    IReadOnlyList<OcpiEvse> Evses,
    string TimeZone,
    DateTimeOffset LastUpdated);
