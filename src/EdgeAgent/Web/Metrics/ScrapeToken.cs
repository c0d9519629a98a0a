using System.Security.Cryptography;
using System.Text;

namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary>
/// The token a Prometheus scraper sends (<c>Authorization: Bearer …</c>) to read <c>/metrics</c>
/// when the status is not public: <c>CHARGENET_METRICS_TOKEN</c> in the environment, at least
/// <see cref="MinLength"/> characters; shorter or absent, no token is accepted. It opens
/// <c>/metrics</c> only, nothing else.
/// </summary>
public sealed class ScrapeToken
{
    public const string Variable = "CHARGENET_METRICS_TOKEN";
    public const int MinLength = 24;

    private readonly byte[]? _sha256;

    public ScrapeToken(string? token)
    {
        _sha256 = token is { Length: >= MinLength } ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
    }

    public static ScrapeToken From(IConfiguration configuration) => new(configuration[Variable]);

    /// <summary>True when the request carries the scrape token as its bearer token.</summary>
    public bool Matches(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (_sha256 is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _sha256);
    }
}
