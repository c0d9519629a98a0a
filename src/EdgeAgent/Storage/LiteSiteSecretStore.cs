using ChargeNet.EdgeAgent.Domain;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteSiteSecretStore(LiteTransactions file) : ISiteSecretStore
{
    public const string Collection = "site_secrets";
    private const string Id = "site";

    private readonly GatedCollection _secrets = file.Collection(Collection);

    public SiteSecrets Load() => _secrets.Use(c => c.FindById(Id)) is { } doc ? FromBson(doc) : SiteSecrets.None;

    public void Save(SiteSecrets secrets) => _secrets.InTransaction(c => c.Upsert(ToBson(secrets)));

    /// <summary>The one document, as the store and its migration write it.</summary>
    public static BsonDocument ToBson(SiteSecrets secrets)
    {
        return new BsonDocument
        {
            ["_id"] = Id,
            ["cloudPassword"] = secrets.CloudPassword is { } p ? new BsonValue(p) : BsonValue.Null,
            ["ocppPasswords"] = ToBson(secrets.OcppPasswords),
            ["upstreamPasswords"] = ToBson(secrets.UpstreamPasswords),
        };
    }

    private static BsonDocument ToBson(IReadOnlyDictionary<string, string> byCharger)
    {
        var doc = new BsonDocument();
        foreach (var (charger, password) in byCharger)
        {
            doc[charger] = password;
        }

        return doc;
    }

    private static Dictionary<string, string> FromBson(BsonValue byCharger) =>
        byCharger.IsDocument ? byCharger.AsDocument.ToDictionary(p => p.Key, p => p.Value.AsString, StringComparer.Ordinal) : new(StringComparer.Ordinal);

    // A document written before upstream passwords existed has no upstreamPasswords: none.
    private static SiteSecrets FromBson(BsonDocument doc) => new(BsonValues.ToNullableString(doc["cloudPassword"]), FromBson(doc["ocppPasswords"]))
    {
        UpstreamPasswords = FromBson(doc["upstreamPasswords"]),
    };
}
