using ChargeNet.Drivers.Ocpp;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Schema 2 → 3: the stored OCPP passwords become salted PBKDF2 hashes (docs/security.md). Up to
/// schema 2 <c>site_secrets</c> kept each charger's password itself. A value already in the stored
/// form is left as it is, so a second run changes nothing.
/// </summary>
internal static class OcppPasswordHashMigration
{
    public static void Apply(LiteDatabase database)
    {
        var secrets = database.GetCollection(LiteSiteSecretStore.Collection);
        foreach (var document in secrets.FindAll().ToList())
        {
            if (document["ocppPasswords"] is not { IsDocument: true } passwords)
            {
                continue;
            }

            var hashed = new BsonDocument();
            foreach (var (charger, kept) in passwords.AsDocument)
            {
                hashed[charger] = kept.IsString && !OcppStoredPassword.TryParse(kept.AsString, out _) ? OcppStoredPassword.Create(kept.AsString).Stored : kept;
            }

            document["ocppPasswords"] = hashed;
            secrets.Update(document);
        }
    }
}
