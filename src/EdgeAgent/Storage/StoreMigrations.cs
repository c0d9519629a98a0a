using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Every schema step, oldest first. A change to the shape of stored documents that an older file
/// cannot be read in gets a step here and raises <see cref="StoreSchema.CurrentVersion"/>.
/// </summary>
internal static class StoreMigrations
{
    public static IReadOnlyList<StoreMigration> All { get; } =
    [
        // 0.1.0 wrote no version (LiteDB's USER_VERSION pragma stayed 0). Its documents are the shape
        // version 1 reads; what the step adds is the version itself, so that a later step knows
        // where a file starts and an older daemon can refuse a newer file.
        new(0, "an unversioned file of ChargeNet Edge 0.1.0 gets schema version 1", AdoptUnversioned),
        new(1, "the configuration's secrets move out of every revision into one stored set (site_secrets)", RevisionSecretsMigration.Apply),
        new(2, "the stored OCPP passwords become salted PBKDF2 hashes (site_secrets)", OcppPasswordHashMigration.Apply),
    ];

    // Nothing to reshape: the version written after the step is the change.
    private static void AdoptUnversioned(LiteDatabase database)
    {
    }
}
