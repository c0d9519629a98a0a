namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The rules of <c>ocpp.upstream</c> and the chargers' <c>upstreamId</c> beyond the schema
/// (docs/upstream.md). Called by <see cref="SiteConfigurationValidator"/>.
/// </summary>
internal static class OcppUpstreamSettingsRules
{
    private const string Path = "$.ocpp.upstream";

    public static void Validate(SiteConfiguration site, Action<string, string> error, Action<string, string> warn)
    {
        var upstream = site.Ocpp?.Upstream;
        if (upstream is not null)
        {
            ValidateUrl(upstream, error);
            ValidateList(site, upstream.Chargers, Path + ".chargers", ChargerProtocols.IsOcpp, "an OCPP charger", error);
            ValidateList(site, upstream.VirtualChargers, Path + ".virtualChargers", p => p == ChargerProtocols.Modbus, "a Modbus charger", error);
        }

        var upstreamIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < site.Chargers.Count; i++)
        {
            var charger = site.Chargers[i];
            var relayed = upstream is not null && IsRelayed(upstream, charger);
            if (!relayed)
            {
                if (charger.UpstreamId is not null || charger.UpstreamPassword is not null)
                {
                    warn($"$.chargers[{i}]", "has an upstreamId or upstreamPassword, but is not relayed to an upstream central system ($.ocpp.upstream): unused");
                }

                continue;
            }

            var upstreamId = charger.UpstreamId ?? charger.Id;
            if (!upstreamIds.TryAdd(upstreamId, i))
            {
                error($"$.chargers[{i}].upstreamId", $"'{upstreamId}' is already the upstream id of $.chargers[{upstreamIds[upstreamId]}]: the central system would see one charge point");
            }
        }
    }

    /// <summary>Whether <paramref name="charger"/> gets a connection to the upstream central system.</summary>
    public static bool IsRelayed(OcppUpstreamSettings upstream, ChargerSettings charger) =>
        ChargerProtocols.IsOcpp(charger.Protocol)
            ? upstream.Chargers is null || upstream.Chargers.Contains(charger.Id, StringComparer.Ordinal)
            : charger.Protocol == ChargerProtocols.Modbus && (upstream.VirtualChargers?.Contains(charger.Id, StringComparer.Ordinal) ?? false);

    private static void ValidateUrl(OcppUpstreamSettings upstream, Action<string, string> error)
    {
        if (!Uri.TryCreate(upstream.Url, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            error(Path + ".url", $"'{upstream.Url}' is not a ws:// or wss:// URL");
            return;
        }

        if (url.UserInfo.Length > 0)
        {
            // A password in the URL would be exported and logged with it: it belongs in upstreamPassword.
            error(Path + ".url", "must not carry credentials: give each charger's upstreamPassword instead");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            error(Path + ".url", "must not have a query or fragment: the charger's upstreamId is appended to it");
        }

        if (upstream.CaFile is not null && url.Scheme != "wss")
        {
            error(Path + ".caFile", "is used only with a wss:// url");
        }
    }

    private static void ValidateList(
        SiteConfiguration site,
        IReadOnlyList<string>? ids,
        string path,
        Func<string, bool> rightKind,
        string kind,
        Action<string, string> error)
    {
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = ids![i];
            var charger = site.Chargers.FirstOrDefault(c => c.Id == id);
            if (charger is null)
            {
                error($"{path}[{i}]", $"names charger '{id}', which is not in $.chargers");
            }
            else if (!rightKind(charger.Protocol))
            {
                error($"{path}[{i}]", $"'{id}' is a '{charger.Protocol}' charger; this list takes {kind} only");
            }
        }
    }
}
