using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The version of the store's schema, kept in the file's header (LiteDB's USER_VERSION pragma), and
/// the upgrade of an older file at open. A file from a newer daemon is refused before anything is
/// written to it, so going back to an older version never damages the data.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The schema this daemon reads and writes.</summary>
    public static int CurrentVersion => StoreMigrations.All.Count;

    /// <summary>Brings <paramref name="database"/> to <see cref="CurrentVersion"/>; returns what each applied step did.</summary>
    /// <exception cref="StoreSchemaException">The file is of a newer schema than this daemon knows.</exception>
    public static IReadOnlyList<string> Upgrade(LiteDatabase database, string fileName)
    {
        var version = database.UserVersion;
        if (version > CurrentVersion)
        {
            throw new StoreSchemaException(
                $"{fileName} has schema version {version}, newer than this ChargeNet Edge knows ({CurrentVersion}): it was written by a newer version. " +
                "Install that version again, or restore a backup of the data directory made with this one. The file was not changed.");
        }

        if (version == CurrentVersion)
        {
            return [];
        }

        // A new, empty file is current as it is.
        if (version == 0 && !database.GetCollectionNames().Any())
        {
            database.UserVersion = CurrentVersion;
            return [];
        }

        var applied = new List<string>();
        foreach (var step in StoreMigrations.All.Where(m => m.From >= version).OrderBy(m => m.From))
        {
            database.BeginTrans();
            try
            {
                step.Apply(database);
                database.Commit();
            }
            catch
            {
                database.Rollback();
                throw;
            }

            database.UserVersion = step.From + 1;
            applied.Add(step.Description);
        }

        return applied;
    }
}
