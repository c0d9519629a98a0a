using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Driver;

/// <summary>
/// The QR code for a charger's sticker (login): <c>GET /api/v1/chargers/{id}/qr.svg?base=…</c> encodes
/// <c>{base}/c/{id}</c>, the driver's page. The base is the address drivers' phones reach the page at,
/// which only the installer knows (the page proposes its own).
/// </summary>
public static class StickerApi
{
    public const int MaxBaseLength = 200;

    public static RouteGroupBuilder MapStickerApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/chargers").WithTags("Chargers").AddEndpointFilter(new RequireLoginFilter())
            .MapGet("/{id}/qr.svg", QrSvg).WithSummary("The QR code of the charger's driver's page {base}/c/{id}, as SVG, for its sticker");
        return api;
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> QrSvg(string id, string? @base, SiteConfigurationService configuration)
    {
        if (configuration.Current?.Site.Chargers.Any(c => c.Id == id) != true)
        {
            return WebProblems.NotFound($"there is no charger '{id}' in the configuration");
        }

        return DriverPageUrl(@base, id) is { } url
            ? TypedResults.Content(ChargerQrCode.Svg(url), "image/svg+xml; charset=utf-8")
            : WebProblems.BadRequest($"base must be an http:// or https:// address without query or fragment, at most {MaxBaseLength} characters (e.g. http://192.168.1.10:8080), not '{@base}'");
    }

    /// <summary>The driver's page of a charger under <paramref name="base"/>; null when the base is not an absolute http(s) address.</summary>
    public static string? DriverPageUrl(string? @base, string chargerId) =>
        @base is { Length: > 0 and <= MaxBaseLength } && Uri.TryCreate(@base, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? $"{uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}{DriverPageApi.PagePath}/{Uri.EscapeDataString(chargerId)}"
            : null;
}
