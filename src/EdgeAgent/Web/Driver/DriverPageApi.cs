using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Driver;

/// <summary>
/// The driver's page (docs/web.md): <c>/c/{chargerId}</c>, the page a phone opens from the charger's QR
/// sticker, and the JSON it reads, <c>GET /api/v1/public/chargers/{chargerId}</c>; both without login,
/// rate-limited per address like the open station data, and 404 for a charger that is not configured
/// or when <c>web.driverPage</c> is false.
/// </summary>
public static class DriverPageApi
{
    public const string PagePath = "/c";

    public static WebApplication MapDriverPage(this WebApplication app)
    {
        app.MapGet(PagePath + "/{chargerId}", Page).RequireRateLimiting(PublicStationsApi.RateLimitPolicy).ExcludeFromDescription();
        return app;
    }

    public static RouteGroupBuilder MapDriverApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/public/chargers").WithTags("Driver's page").RequireRateLimiting(PublicStationsApi.RateLimitPolicy)
            .MapGet("/{chargerId}", Charger).WithSummary("One charger for a driver's phone: availability, the price now and for the rest of the day, the running cost of a session on it (nobody's identity)");
        return api;
    }

    internal static Results<PhysicalFileHttpResult, NotFound> Page(string chargerId, SiteConfigurationService configuration, IWebHostEnvironment environment) =>
        Find(configuration, chargerId) is not null && environment.WebRootFileProvider.GetFileInfo("driver.html") is { Exists: true, PhysicalPath: { } path }
            ? TypedResults.PhysicalFile(path, "text/html; charset=utf-8")
            : TypedResults.NotFound();

    internal static Results<Ok<DriverCharger>, NotFound> Charger(
        string chargerId, SiteConfigurationService configuration, ControlLoop loop, SessionRecorder recorder, ISessionCostCalculator prices, TimeProvider time)
    {
        if (Find(configuration, chargerId) is not { } charger || configuration.Current?.Site is not { } site)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var view = loop.Latest?.Chargers.FirstOrDefault(c => c.Id == charger.Id);
        var connectors = Enumerable.Range(1, charger.Connectors)
            .Select(n => new DriverConnector(n, StatusOf(view, n), SessionOn(recorder.Running(charger.Id, n, now))))
            .ToList();
        return TypedResults.Ok(new DriverCharger(charger.Id, site.Location?.Name, site.TimeZone ?? "UTC", now, connectors, PriceOf(site, charger.Id, prices, now)));
    }

    private static ChargerSettings? Find(SiteConfigurationService configuration, string chargerId) =>
        configuration.Current?.Site is { } site && (site.Web ?? new WebSettings()).DriverPage ? site.Chargers.FirstOrDefault(c => c.Id == chargerId) : null;

    private static string StatusOf(ChargerView? view, int connectorId) => view switch
    {
        null => "unknown",
        { Online: false } => "offline",
        _ => view.Connectors.FirstOrDefault(c => c.Id == connectorId)?.State ?? "unknown",
    };

    // Only what the driver at the charger can see anyway: no idTag, no ids.
    private static DriverSession? SessionOn(ChargingSession? running) => running is null ? null
        : new DriverSession(running.StartedAt, Math.Max((decimal)running.EnergyWh, running.Usage.DeliveredWh), running.Cost?.Total, running.Cost?.Currency);

    private static DriverPrice? PriceOf(SiteConfiguration site, string chargerId, ISessionCostCalculator prices, DateTimeOffset now)
    {
        if (prices.PriceAt(chargerId, null, now) is not { } price || site.Pricing?.Tariffs.FirstOrDefault(t => t.Id == price.TariffId) is not { } tariff)
        {
            return null;
        }

        var zone = SiteTimeZone.Of(site);
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(1);
        var today = (prices.EnergyPrices(chargerId, null, now, SiteTimeZone.StartOfDay(tomorrow, zone)) ?? [])
            .Select(s => new DriverPriceSpan(s.From, s.To, s.PricePerKwh)).ToList();
        return new DriverPrice(price.TariffName ?? price.TariffId, price.Currency, price.EnergyPerKwh, price.PerHour, price.SessionFee,
            price.IdlePerHour, price.IdleGraceMinutes, tariff.MinCost, tariff.MaxCost, price.Text(), today);
    }
}
