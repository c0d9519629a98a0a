namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>OCPI GeoLocation: decimal degrees as strings, as OCPI writes them.</summary>
public sealed record OcpiGeoLocation(string Latitude, string Longitude);
