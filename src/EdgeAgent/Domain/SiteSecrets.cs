namespace ChargeNet.EdgeAgent.Domain;

/// <summary>
/// The secrets of the site configuration, kept once and apart from its revisions (store collection
/// <c>site_secrets</c>): the revisions, which are kept for history and read back, hold none.
/// </summary>
/// <param name="CloudPassword">The cloud broker's password, or null.</param>
/// <param name="OcppPasswords">Each OCPP charger's HTTP Basic password, by charger id.</param>
public sealed record SiteSecrets(string? CloudPassword, IReadOnlyDictionary<string, string> OcppPasswords)
{
    public static SiteSecrets None { get; } = new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Each relayed charger's password at the upstream central system, by charger id (docs/upstream.md).</summary>
    public IReadOnlyDictionary<string, string> UpstreamPasswords { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool IsEmpty => CloudPassword is null && OcppPasswords.Count == 0 && UpstreamPasswords.Count == 0;
}
