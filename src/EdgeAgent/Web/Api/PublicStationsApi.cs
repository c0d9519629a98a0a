using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Web.Api.Ocpi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The open station data (docs/pricing.md, docs/api.md): the site's Location and its Tariffs as
/// OCPI 2.2.1 objects in the OCPI envelope, without login, rate-limited per address, and 404
/// unless <c>web.publicStations</c> is true.
/// </summary>
public static class PublicStationsApi
{
    public const string RateLimitPolicy = "public-stations";

    /// <summary>Requests a minute one address may make; a roaming platform polls far less often.</summary>
    public const int RequestsPerMinute = 60;

    private static readonly JsonSerializerOptions OcpiJson = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IServiceCollection AddPublicStationsRateLimit(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    });

    public static RouteGroupBuilder MapPublicStationsApi(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public").WithTags("Open station data").RequireRateLimiting(RateLimitPolicy);
        open.MapGet("/locations", Locations).WithSummary("The site as one OCPI 2.2.1 Location with its EVSEs and their live status");
        open.MapGet("/tariffs", Tariffs).WithSummary("The site's tariffs as OCPI 2.2.1 Tariffs (prices excluding VAT, with the VAT rate)");
        return api;
    }

    internal static Results<JsonHttpResult<OcpiResponse<IReadOnlyList<OcpiLocation>>>, NotFound> Locations(
        SiteConfigurationService configuration, ControlLoop loop, TimeProvider time) =>
        configuration.Current is { Site.Web.PublicStations: true } applied
            ? TypedResults.Json(Success(OcpiLocations.From(applied, loop.Latest), time.GetUtcNow()), OcpiJson)
            : TypedResults.NotFound();

    internal static Results<JsonHttpResult<OcpiResponse<IReadOnlyList<OcpiTariff>>>, NotFound> Tariffs(
        SiteConfigurationService configuration, TimeProvider time) =>
        configuration.Current is { Site.Web.PublicStations: true } applied
            ? TypedResults.Json(Success(OcpiTariffs.From(applied), time.GetUtcNow()), OcpiJson)
            : TypedResults.NotFound();

    private static OcpiResponse<T> Success<T>(T data, DateTimeOffset now) => new(data, 1000, "Success", now);
}
