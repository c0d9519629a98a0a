using System.Text.RegularExpressions;
using ChargeNet.Drivers.Ocpp.Files;
using ChargeNet.EdgeAgent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// Every route the daemon maps, read from its endpoint table (Program.cs's own composition,
/// <c>AgentComposition</c>, built in-process and never started), as (method, path with sample values) pairs.
/// </summary>
internal static partial class EndpointTable
{
    /// <summary>Routes anyone may call: health, the OpenAPI document, login and setup, the OCPP upgrade, the chargers' signed file URLs the open station data (404 unless web.publicStations) and the driver's page (404 unless web.driverPage).</summary>
    public static readonly string[] Public =
    [
        "/healthz", "/readyz", "/openapi/{documentName}.json", "/api/v1/login", "/api/v1/setup", "/api/v1/session", "/ocpp/{chargePointId}",
        "/api/v1/public/locations", "/api/v1/public/tariffs", "/api/v1/public/chargers/{chargerId}", "/c/{chargerId}",
    ];

    public static async Task<List<(string Method, string Pattern, string Path)>> ReadAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("chargenet-endpoints-").FullName;
        try
        {
            var options = new AgentOptions { DataDir = dataDir };
            var builder = WebApplication.CreateBuilder();
            builder.AddAgent(options);
            await using var app = builder.Build();
            app.MapAgent();
            return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText ?? "")))
                .Select(r => (r.Item1, r.Item2, Sample(r.Item2)))
                .Distinct()];
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    public static bool IsPublic(string pattern) =>
        Public.Contains(pattern, StringComparer.Ordinal) || pattern.StartsWith(OcppFileUrls.Prefix + "/", StringComparison.Ordinal);

    public static bool IsWrite(string method) => method is not ("GET" or "HEAD" or "OPTIONS");

    // A parameter becomes a value its constraint accepts: a number where it must be one, a charger id elsewhere.
    private static string Sample(string pattern) => Parameter().Replace(pattern, m => m.Value.Contains(":int", StringComparison.Ordinal) || m.Value.Contains("connector", StringComparison.OrdinalIgnoreCase) ? "1" : "CP001").TrimStart('/');

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex Parameter();
}
