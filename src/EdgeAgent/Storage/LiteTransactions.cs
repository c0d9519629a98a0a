using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Groups writes into one LiteDB transaction, and holds back what must wait until they are in the
/// file. LiteDB keeps one transaction per thread, so both are per thread: BeginTrans is false when
/// this thread is already in one, and then the outermost caller commits and runs what waited.
/// </summary>
internal sealed class LiteTransactions(LiteDatabase database) : IDisposable
{
    private readonly ThreadLocal<List<Action>?> _afterCommit = new();

    // One of these transactions at a time: LiteDB 5 lets write transactions on different collections
    // run at once, and that is where it has been seen to corrupt its header page ("empty page must be
    // defined as empty type", LiteDB issues #2503, #2825). Reentrant, so nested calls join.
    private readonly Lock _oneAtATime = new();

    public T Run<T>(Func<T> work)
    {
        lock (_oneAtATime)
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
