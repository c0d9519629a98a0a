using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The one way into the LiteDB file: every read, write and transaction of the store passes its gate,
/// one at a time. LiteDB 5 lets write transactions on different collections run at once, and that is
/// where it corrupts the free-page list in its header page ("empty page must be defined as empty
/// type", LiteDB issues #2503, #2825); a read racing the creation of a collection fails too (#2792).
/// The gate is reentrant, so a call made inside <see cref="Run{T}"/> on the same thread joins it.
/// <para>
/// Grouped writes are also here, with what must wait until they are in the file. LiteDB keeps one
/// transaction per thread, so both are per thread: BeginTrans is false when this thread is already
/// in one, and then the outermost caller commits and runs what waited.
/// </para>
/// <para>
/// After each access from outside a transaction (a commit, or an auto-committed single write) the
/// gate tells <see cref="GroupSync"/> where the log now ends, in commit order; a writer that must
/// not acknowledge before its write is durable then awaits <see cref="DurableAsync"/>, outside the gate.
/// </para>
/// </summary>
internal sealed class LiteTransactions(LiteDatabase database, StoreFileStream log, GroupSync sync) : IDisposable
{
    private readonly ThreadLocal<List<Action>?> _afterCommit = new();
    private readonly Lock _gate = new();
    private readonly LiteLogEnd _logEnd = new(database);

    /// <summary>A collection of the file that is reached only through the gate.</summary>
    public GatedCollection Collection(string name, BsonAutoId autoId = BsonAutoId.ObjectId) =>
        new(this, database.GetCollection(name, autoId));

    /// <summary>Runs one access to the file (a read or a single write) alone; what it returns must be read already, not a lazy query.</summary>
    public T Alone<T>(Func<T> access)
    {
        lock (_gate)
        {
            var result = access();
            if (!InTransaction)
            {
                MarkCommitted();
            }

            return result;
        }
    }

    /// <summary>
    /// Completes once every write committed so far is on durable storage (the log flushed and
    /// fsynced, shared with every writer waiting meanwhile). Inside a transaction of this thread it
    /// completes at once: the outermost caller waits, after its commit.
    /// </summary>
    public Task DurableAsync(CancellationToken cancellationToken)
    {
        if (InTransaction)
        {
            return Task.CompletedTask;
        }

        LogPosition committed;
        lock (_gate)
        {
            committed = MarkCommitted();
        }

        return sync.WaitAsync(committed, cancellationToken);
    }

    private bool InTransaction => _afterCommit.Value is not null;

    // Under the gate: the epoch and the end are read together, after any checkpoint the commit ran.
    private LogPosition MarkCommitted()
    {
        var committed = new LogPosition(log.WrittenTo.Epoch, _logEnd.Read());
        sync.Committed(committed);
        return committed;
    }

    /// <summary>Runs <paramref name="work"/> alone and in one transaction: its writes reach the file together or not at all.</summary>
    public T Run<T>(Func<T> work)
    {
        lock (_gate)
        {
            return RunAlone(work);
        }
    }

    private T RunAlone<T>(Func<T> work)
    {
        var mine = database.BeginTrans();
        if (mine)
        {
            _afterCommit.Value = [];
        }

        T result;
        try
        {
            result = work();
            if (mine)
            {
                database.Commit();
                MarkCommitted();
            }
        }
        catch
        {
            if (mine)
            {
                _afterCommit.Value = null;
                database.Rollback();
            }

            throw;
        }

        if (mine && _afterCommit.Value is { } waiting)
        {
            _afterCommit.Value = null;
            waiting.ForEach(action => action());
        }

        return result;
    }

    /// <summary>Runs <paramref name="action"/> once this thread's transaction has committed; at once when there is none.</summary>
    public void WhenWritten(Action action)
    {
        if (_afterCommit.Value is { } waiting)
        {
            waiting.Add(action);
        }
        else
        {
            action();
        }
    }

    public void Dispose() => _afterCommit.Dispose();
}
