namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The store's two files (data and log) and the group sync of the log, opened and closed together.</summary>
internal sealed class StoreFiles : IDisposable
{
    private readonly string? _logPath;

    private StoreFiles(StoreFileStream data, StoreFileStream log, string? logPath, Action? beforeLogSync)
    {
        Data = data;
        Log = log;
        _logPath = logPath;
        // Whatever an earlier run left in the page cache (a killed process) is made durable first.
        data.Sync();
        Sync = new GroupSync(log, beforeLogSync);
    }

    public StoreFileStream Data { get; }

    public StoreFileStream Log { get; }

    public GroupSync Sync { get; }

    public static StoreFiles Open(string dataPath, string logPath, Action? beforeLogSync) =>
        new(StoreFileStream.OpenData(dataPath), StoreFileStream.OpenLog(logPath), logPath, beforeLogSync);

    public static StoreFiles InMemory() => new(StoreFileStream.InMemory(isLog: false), StoreFileStream.InMemory(isLog: true), null, null);

    public void Dispose()
    {
        Sync.Dispose();
        var empty = Log.Length == 0;
        Log.Dispose();
        Data.Dispose();
        // As LiteDB does with its own files: an empty log is not left behind.
        if (empty && _logPath is not null)
        {
            File.Delete(_logPath);
        }
    }
}
