using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>A store for one test: a real LiteDB file in a fresh temporary directory, or in memory.</summary>
public sealed class TestStore : IDisposable
{
    public const string File = "file";
    public const string Memory = "memory";

    private TestStore(string? directory)
    {
        Directory = directory;
        Store = directory is null ? LiteEdgeStore.OpenInMemory() : LiteEdgeStore.Open(directory);
    }

    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The data directory of a file store; null in memory.</summary>
    public string? Directory { get; }

    public IEdgeStore Store { get; private set; }

    public static TestStore Open(string kind) => new(kind == File
        ? Path.Combine(Path.GetTempPath(), "chargenet-store-" + Guid.NewGuid().ToString("N"))
        : null);

    /// <summary>Closes the file and opens it again, as a restart of the daemon does.</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = LiteEdgeStore.Open(Directory ?? throw new InvalidOperationException("an in-memory store cannot be reopened"));
    }

    public void Dispose()
    {
        Store.Dispose();
        if (Directory is not null && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
