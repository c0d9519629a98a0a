using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Where the pages of the newest commit end in LiteDB's log. Commit queues them for LiteDB's
/// writer with positions already given (DiskService.WriteAsync adds each page to <c>_logLength</c>),
/// and LiteDB 5 has no public way to ask for that end or to wait for it: this reads
/// DiskService.GetVirtualLength(FileOrigin.Log), the figure LiteDB itself shows as
/// <c>$database.logFileSize</c> (that query takes ~0.9 ms, the call below well under 1 µs).
/// Bound to LiteDB 5.0.x internals: opening the store fails if they are not there, and
/// tests/EdgeAgent.Tests/Storage/StoreDurabilityTests checks the figure against the file.
/// </summary>
internal sealed class LiteLogEnd
{
    private readonly object _disk;
    private readonly MethodInfo _virtualLength;
    private readonly object[] _logOrigin;

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "LiteDB is not trimmed: the daemon is published untrimmed.")]
    public LiteLogEnd(LiteDatabase database)
    {
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var engine = typeof(LiteDatabase).GetField("_engine", Private)?.GetValue(database)
            ?? throw Missing("LiteDatabase._engine");
        _disk = engine.GetType().GetField("_disk", Private)?.GetValue(engine) ?? throw Missing("LiteEngine._disk");
        _virtualLength = _disk.GetType().GetMethod("GetVirtualLength") ?? throw Missing("DiskService.GetVirtualLength");
        _logOrigin = [Enum.Parse(_virtualLength.GetParameters()[0].ParameterType, "Log")];
    }

    /// <summary>The byte after the last page LiteDB has queued for the log.</summary>
    public long Read() => (long)_virtualLength.Invoke(_disk, _logOrigin)!;

    private static InvalidOperationException Missing(string member) =>
        new($"LiteDB {typeof(LiteDatabase).Assembly.GetName().Version} has no {member}: the store cannot tell when a commit is durable (see docs/architecture.md, Durability).");
}
