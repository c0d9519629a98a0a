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
        Chargers = site.Chargers.Select(c => c with { OcppPassword = null }).ToList(),
        Cloud = site.Cloud is null ? null : site.Cloud with { Password = null },
    };

    /// <summary>
    /// A document sent back after an export has no secrets in it; where it leaves a secret out, the
    /// one already in force for the same charger (by id) or the cloud link is kept.
    /// </summary>
    public static SiteConfiguration KeepSecretsFrom(SiteConfiguration incoming, SiteConfiguration? current)
    {
        if (current is null)
        {
            return incoming;
        }

        var passwords = current.Chargers
            .Where(c => c.OcppPassword is not null)
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().OcppPassword, StringComparer.Ordinal);
        return incoming with
        {
            Chargers = incoming.Chargers
                .Select(c => c.OcppPassword is null && passwords.TryGetValue(c.Id, out var kept) ? c with { OcppPassword = kept } : c)
                .ToList(),
            Cloud = incoming.Cloud is { Password: null } cloud && current.Cloud?.Password is { } password
                ? cloud with { Password = password }
                : incoming.Cloud,
        };
    }
}
