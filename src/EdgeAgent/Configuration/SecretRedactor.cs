using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// Secrets in the site configuration are write-only: this removes them from anything that is read
/// back, and carries them over into a new document that leaves them out.
/// </summary>
public static class SecretRedactor
{
    /// <summary>The configuration as any read API or export may show it: every secret removed.</summary>
    public static SiteConfiguration WithoutSecrets(SiteConfiguration site) => site with
    {
        Chargers = site.Chargers.Select(c => c with { OcppPassword = null, UpstreamPassword = null }).ToList(),
        Cloud = site.Cloud is null ? null : site.Cloud with { Password = null },
    };

    /// <summary>
    /// A document sent back after an export has no secrets in it; where it leaves a secret out, the
    /// one already in force for the same charger (by id) or the cloud link is kept — the cloud password
    /// only while host, port, TLS and username stay the same.
    /// </summary>
    public static SiteConfiguration KeepSecretsFrom(SiteConfiguration incoming, SiteConfiguration? current)
    {
        if (current is null)
        {
            return incoming;
        }

        var passwords = ByCharger(current, c => c.OcppPassword);
        var upstreamPasswords = ByCharger(current, c => c.UpstreamPassword);
        return incoming with
        {
            Chargers = incoming.Chargers
                .Select(c => c.OcppPassword is null && passwords.TryGetValue(c.Id, out var kept) ? c with { OcppPassword = kept } : c)
                .Select(c => c.UpstreamPassword is null && KeepsUpstream(incoming, current, c) && upstreamPasswords.TryGetValue(c.Id, out var kept) ? c with { UpstreamPassword = kept } : c)
                .ToList(),
            // Only for the same broker, reached the same way as the same user: a document that points
            // the edge at another broker (or sends the name in clear) must not hand it the password.
            Cloud = incoming.Cloud is { Password: null } cloud && current.Cloud is { Password: { } password } kept && SameBroker(cloud, kept)
                ? cloud with { Password = password }
                : incoming.Cloud,
        };
    }

    /// <summary>The secrets of <paramref name="site"/>, to be kept apart from its revision.</summary>
    public static SiteSecrets SecretsOf(SiteConfiguration site) => new(site.Cloud?.Password, ByCharger(site, c => c.OcppPassword))
    {
        UpstreamPasswords = ByCharger(site, c => c.UpstreamPassword),
    };

    /// <summary><paramref name="site"/> (read from a revision, without secrets) with the stored <paramref name="secrets"/> put back.</summary>
    public static SiteConfiguration WithSecrets(SiteConfiguration site, SiteSecrets secrets) => site with
    {
        Chargers = site.Chargers
            .Select(c => c.OcppPassword is null && secrets.OcppPasswords.TryGetValue(c.Id, out var kept) ? c with { OcppPassword = kept } : c)
            .Select(c => c.UpstreamPassword is null && secrets.UpstreamPasswords.TryGetValue(c.Id, out var kept) ? c with { UpstreamPassword = kept } : c)
            .ToList(),
        Cloud = site.Cloud is { Password: null } cloud && secrets.CloudPassword is { } password ? cloud with { Password = password } : site.Cloud,
    };

    /// <summary>The broker's identity as far as its password is concerned: host, port, TLS and username.</summary>
    public static bool SameBroker(CloudSettings a, CloudSettings b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port && a.Tls == b.Tls
        && string.Equals(a.Username, b.Username, StringComparison.Ordinal);

    /// <summary>
    /// An upstream password left out is kept only while the charger is known upstream the same way
    /// (same upstreamId at the same url): a document that points the charger at another central
    /// system must not hand it the password.
    /// </summary>
    private static bool KeepsUpstream(SiteConfiguration incoming, SiteConfiguration current, ChargerSettings charger) =>
        current.Chargers.FirstOrDefault(c => c.Id == charger.Id) is { } was
        && string.Equals(was.UpstreamId ?? was.Id, charger.UpstreamId ?? charger.Id, StringComparison.Ordinal)
        && string.Equals(current.Ocpp?.Upstream?.Url, incoming.Ocpp?.Upstream?.Url, StringComparison.Ordinal);

    private static Dictionary<string, string> ByCharger(SiteConfiguration site, Func<ChargerSettings, string?> secret) =>
        site.Chargers.Where(c => secret(c) is not null).GroupBy(c => c.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => secret(g.First())!, StringComparer.Ordinal);
}
