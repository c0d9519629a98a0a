using System.Text.Json.Nodes;
using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Schema 1 → 2: the configuration's secrets leave its revisions. Up to schema 1 every revision held
/// the cloud password and the OCPP passwords in plain text, so each old revision was one more copy of
/// every password the site ever had. The newest revision's secrets become the one stored set
/// (<c>site_secrets</c>); every revision loses its own. Safe to run twice: a second run finds no
/// secret in the newest revision and leaves the stored set as it is.
/// </summary>
internal static class RevisionSecretsMigration
{
    public static void Apply(LiteDatabase database)
    {
        var revisions = database.GetCollection("config_revisions");
        var all = revisions.Query().OrderByDescending("_id").ToList();
        if (all.Count == 0)
        {
            return;
        }

        var newest = Extract(all[0]["json"].AsString);
        if (!newest.Secrets.IsEmpty)
        {
            database.GetCollection(LiteSiteSecretStore.Collection).Upsert(LiteSiteSecretStore.ToBson(newest.Secrets));
        }

        foreach (var revision in all)
        {
            var (json, secrets) = Extract(revision["json"].AsString);
            if (!secrets.IsEmpty)
            {
                revision["json"] = json;
                revisions.Update(revision);
            }
        }
    }

    /// <summary>The document without its secrets, and the secrets; a document that is not JSON is left as it is.</summary>
    public static (string Json, SiteSecrets Secrets) Extract(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return (json, SiteSecrets.None);
        }

        if (root is not JsonObject site)
        {
            return (json, SiteSecrets.None);
        }

        string? cloudPassword = null;
        if (site["cloud"] is JsonObject cloud && cloud["password"] is JsonValue password && password.TryGetValue<string>(out var text))
        {
            cloudPassword = text;
            cloud.Remove("password");
        }

        var ocpp = new Dictionary<string, string>(StringComparer.Ordinal);
        if (site["chargers"] is JsonArray chargers)
        {
            foreach (var charger in chargers.OfType<JsonObject>())
            {
                if (charger["ocppPassword"] is JsonValue value && value.TryGetValue<string>(out var secret))
                {
                    if (charger["id"] is JsonValue id && id.TryGetValue<string>(out var chargerId))
                    {
                        ocpp.TryAdd(chargerId, secret);
                    }

                    charger.Remove("ocppPassword");
                }
            }
        }

        var secrets = new SiteSecrets(cloudPassword, ocpp);
        return secrets.IsEmpty ? (json, secrets) : (site.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), secrets);
    }
}
