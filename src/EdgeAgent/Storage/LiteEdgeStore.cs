using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The store in one LiteDB file (<c>chargenet.db</c> in the data directory, with its log
/// <c>chargenet-log.db</c>), with a mapper of its own. The store opens both files itself
/// (<see cref="StoreFileStream"/>) and syncs the log in groups (<see cref="GroupSync"/>): a write
/// whose call is awaited to the end is on durable storage, fsynced, when it returns
/// (docs/architecture.md, "Durability").
/// </summary>
public sealed class LiteEdgeStore : IEdgeStore
{
    public const string FileName = "chargenet.db";
    public const string LogFileName = "chargenet-log.db";

    private readonly LiteDatabase _database;
    private readonly StoreFiles _files;
    private readonly LiteTransactions _transactions;
    private int _disposed;

    private LiteEdgeStore(LiteDatabase database, StoreFiles files, TimeProvider time, IReadOnlyList<string> migrations)
    {
        _database = database;
        _files = files;
        Migrations = migrations;
        _transactions = new LiteTransactions(database, files.Log, files.Sync);
        Revisions = new LiteRevisionStore(_transactions);
        var outbox = new LiteOutboxStore(_transactions);
        var sessions = new LiteSessionStore(_transactions, outbox);
        Sessions = sessions;
        Events = new LiteEventStore(_transactions);
        Outbox = outbox;
        Samples = new LiteSampleStore(_transactions);
        AuthorizationList = new LiteAuthorizationListStore(_transactions);
        Logins = new LiteLoginStore(_transactions);
        OcppTransactions = new LiteOcppTransactionStore(_transactions, sessions, time);
        OcppBoots = new LiteOcppBootStore(_transactions);
        OcppUpstream = new LiteOcppUpstreamOutbox(_transactions);
        OcppUpstreamProfiles = new LiteOcppUpstreamProfileStore(_transactions);
        CommandRecords = new LiteCommandRecordStore(_transactions);
        ManualLimits = new LiteManualLimitStore(_transactions);
        EmergencyStopLatch = new LiteEmergencyStopLatchStore(_transactions);
        Secrets = new LiteSiteSecretStore(_transactions);
        SpotPrices = new LiteSpotPriceStore(_transactions);
        Peak = new LitePeakStore(_transactions);
    }

    public IRevisionStore Revisions { get; }

    public ISessionStore Sessions { get; }

    public IEventStore Events { get; }

    public IOutboxStore Outbox { get; }

    public ISampleStore Samples { get; }

    public IAuthorizationListStore AuthorizationList { get; }

    public ILoginStore Logins { get; }

    public IOcppTransactionLedger OcppTransactions { get; }

    public Drivers.Ocpp.Ports.IOcppBootStore OcppBoots { get; }

    public Drivers.Ocpp.Upstream.IOcppUpstreamOutbox OcppUpstream { get; }

    public Drivers.Ocpp.Upstream.IOcppUpstreamProfileStore OcppUpstreamProfiles { get; }

    /// <summary>The schema version of the file (see <see cref="StoreSchema"/>).</summary>
    public int SchemaVersion => _transactions.Alone(() => _database.UserVersion);

    /// <summary>What the upgrade of an older file did when it was opened; empty when it was current.</summary>
    public IReadOnlyList<string> Migrations { get; }

    public ICommandRecordStore CommandRecords { get; }

    public IManualLimitStore ManualLimits { get; }

    public IEmergencyStopLatchStore EmergencyStopLatch { get; }

    public ISiteSecretStore Secrets { get; }

    public ISpotPriceStore SpotPrices { get; }

    public IPeakStore Peak { get; }

    public void WriteTogether(Action work) => _transactions.Run(() =>
    {
        work();
        return 0;
    });

    public void WhenWritten(Action action) => _transactions.WhenWritten(action);

    public Task WhenDurableAsync(CancellationToken cancellationToken) => _transactions.DurableAsync(cancellationToken);

    /// <summary>How many times the log was fsynced since the store opened.</summary>
    internal long LogSyncs => _files.Log.Syncs;

    /// <summary>Opens (or creates) the store in <paramref name="dataDirectory"/>, upgrading a file of an older schema.</summary>
    /// <exception cref="StoreSchemaException">The file is of a newer schema than this daemon knows; it is left unchanged.</exception>
    /// <param name="dataDirectory">Where the files are.</param>
    /// <param name="time">The clock that dates what retention trims by age (the system clock when null).</param>
    public static LiteEdgeStore Open(string dataDirectory, TimeProvider? time = null) => Open(dataDirectory, beforeLogSync: null, time);

    /// <param name="dataDirectory">Where the files are.</param>
    /// <param name="beforeLogSync">Runs before each fsync of the log, on the sync thread: tests hold it to see what waits for it.</param>
    /// <param name="time">As in <see cref="Open(string, TimeProvider?)"/>.</param>
    internal static LiteEdgeStore Open(string dataDirectory, Action? beforeLogSync, TimeProvider? time = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        return Upgraded(StoreFiles.Open(path, Path.Combine(dataDirectory, LogFileName), beforeLogSync), path, time);
    }

    /// <summary>A store that lives in memory only, for fast tests.</summary>
    public static LiteEdgeStore OpenInMemory(TimeProvider? time = null) => Upgraded(StoreFiles.InMemory(), "memory", time);

    // Before any collection is touched: opening them writes indexes, which a refused file must not get.
    private static LiteEdgeStore Upgraded(StoreFiles files, string fileName, TimeProvider? time)
    {
        var database = new LiteDatabase(files.Data, new BsonMapper(), files.Log);
        try
        {
            var store = new LiteEdgeStore(database, files, time ?? TimeProvider.System, StoreSchema.Upgrade(database, fileName));
            // What opening and upgrading wrote is durable before the daemon goes on.
            store.WhenDurableAsync(CancellationToken.None).GetAwaiter().GetResult();
            return store;
        }
        catch
        {
            database.Dispose();
            files.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // LiteDB first: it writes what it still has queued (and may checkpoint); then the last sync.
        _database.Dispose();
        _files.Dispose();
        _transactions.Dispose();
    }
}
