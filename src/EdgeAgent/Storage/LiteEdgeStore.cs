using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The store in one LiteDB file (<c>chargenet.db</c> in the data directory), with a mapper of its
/// own. LiteDB journals every commit to its log file before the call returns, so what a caller was
/// told is written survives a crash of the process.
/// </summary>
public sealed class LiteEdgeStore : IEdgeStore
{
    public const string FileName = "chargenet.db";

    private readonly LiteDatabase _database;
    private readonly LiteTransactions _transactions;

    private LiteEdgeStore(LiteDatabase database, IReadOnlyList<string> migrations)
    {
        _database = database;
        Migrations = migrations;
        _transactions = new LiteTransactions(database);
        Revisions = new LiteRevisionStore(_transactions);
        Sessions = new LiteSessionStore(_transactions);
        Events = new LiteEventStore(_transactions);
        Outbox = new LiteOutboxStore(_transactions);
        Samples = new LiteSampleStore(_transactions);
        AuthorizationList = new LiteAuthorizationListStore(_transactions);
        Logins = new LiteLoginStore(_transactions);
        OcppTransactions = new LiteOcppTransactionStore(_transactions, Sessions);
        OcppBoots = new LiteOcppBootStore(_transactions);
        CommandRecords = new LiteCommandRecordStore(_transactions);
        ManualLimits = new LiteManualLimitStore(_transactions);
        Secrets = new LiteSiteSecretStore(_transactions);
    }

    public IRevisionStore Revisions { get; }

    public ISessionStore Sessions { get; }

    public IEventStore Events { get; }

    public IOutboxStore Outbox { get; }

    public ISampleStore Samples { get; }

    public IAuthorizationListStore AuthorizationList { get; }

    public ILoginStore Logins { get; }

    public Drivers.Ocpp.Ports.IOcppTransactionStore OcppTransactions { get; }

    public Drivers.Ocpp.Ports.IOcppBootStore OcppBoots { get; }

    /// <summary>The schema version of the file (see <see cref="StoreSchema"/>).</summary>
    public int SchemaVersion => _transactions.Alone(() => _database.UserVersion);

    /// <summary>What the upgrade of an older file did when it was opened; empty when it was current.</summary>
    public IReadOnlyList<string> Migrations { get; }

    public ICommandRecordStore CommandRecords { get; }

    public IManualLimitStore ManualLimits { get; }

    public ISiteSecretStore Secrets { get; }

    public void WriteTogether(Action work) => _transactions.Run(() =>
    {
        work();
        return 0;
    });

    public void WhenWritten(Action action) => _transactions.WhenWritten(action);

    /// <summary>Opens (or creates) the store in <paramref name="dataDirectory"/>, upgrading a file of an older schema.</summary>
    /// <exception cref="StoreSchemaException">The file is of a newer schema than this daemon knows; it is left unchanged.</exception>
    public static LiteEdgeStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var connection = new ConnectionString
        {
            Filename = Path.Combine(dataDirectory, FileName),
            Connection = ConnectionType.Direct,
        };
        return Upgraded(new LiteDatabase(connection, new BsonMapper()), connection.Filename);
    }

    /// <summary>A store that lives in memory only, for fast tests.</summary>
    public static LiteEdgeStore OpenInMemory() => Upgraded(new LiteDatabase(new MemoryStream(), new BsonMapper()), "memory");

    // Before any collection is touched: opening them writes indexes, which a refused file must not get.
    private static LiteEdgeStore Upgraded(LiteDatabase database, string fileName)
    {
        try
        {
            return new LiteEdgeStore(database, StoreSchema.Upgrade(database, fileName));
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _database.Dispose();
        _transactions.Dispose();
    }
}
