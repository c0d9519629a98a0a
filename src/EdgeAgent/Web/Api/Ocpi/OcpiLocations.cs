using System.Globalization;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>
/// The site as one OCPI 2.2.1 Location (docs/pricing.md): <c>id</c> = siteId, an EVSE per charger
/// connector with its live status. Nothing about a driver or a session.
/// </summary>
public static class OcpiLocations
{
    public static IReadOnlyList<OcpiLocation> From(AppliedConfiguration applied, SiteStatus? status)
    {
        var site = applied.Site;
        if (site.Location is not { } location)
        {
            return [];
        }

        var views = status?.Chargers.ToDictionary(c => c.Id, StringComparer.Ordinal) ?? [];
        var updated = status?.Ts ?? applied.AppliedAt;
        var evses = site.Chargers
            .SelectMany(c => Enumerable.Range(1, c.Connectors).Select(n => Evse(site, c, n, views.GetValueOrDefault(c.Id), updated)))
            .ToList();
        return
        [
            new OcpiLocation(
                site.SiteId, true, location.Name, location.Address, location.City, location.PostalCode, location.Country,
                new OcpiGeoLocation(Degrees(location.Latitude), Degrees(location.Longitude)),
                evses, site.TimeZone ?? "UTC", updated),
        ];
    }

    private static OcpiEvse Evse(SiteConfiguration site, ChargerSettings charger, int connectorId, ChargerView? view, DateTimeOffset updated)
    {
        var state = view is { Online: true } ? view.Connectors.FirstOrDefault(c => c.Id == connectorId)?.State : null;
        string[] tariffs = site.Pricing is { } pricing ? [charger.Tariff ?? pricing.DefaultTariff] : [];
        // site.json says nothing of plugs: an AC wallbox's Type 2 socket is what such sites have.
        var connector = new OcpiConnector(
            "1", "IEC_62196_T2", "SOCKET", charger.Phases == 3 ? "AC_3_PHASE" : "AC_1_PHASE",
            (int)Math.Round(site.Grid.VoltageV), (int)Math.Floor(charger.MaxCurrentA), tariffs, updated);
        return new OcpiEvse($"{charger.Id}-{connectorId}", Status(state), [connector], updated);
    }

    /// <summary>A connector state of the status (docs/api.md) as an OCPI EVSE status; an offline or unseen charger is UNKNOWN.</summary>
    public static string Status(string? state) => state switch
    {
        "available" => "AVAILABLE",
        "carConnected" or "charging" or "suspendedByCar" or "suspendedByController" => "CHARGING",
        "faulted" => "OUTOFORDER",
        "unavailable" => "INOPERATIVE",
        _ => "UNKNOWN",
    };

    // OCPI writes coordinates as strings with 5 to 7 decimals.
    private static string Degrees(decimal value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
