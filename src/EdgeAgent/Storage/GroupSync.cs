namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Group commit for the log (docs/architecture.md, "Durability"): one thread fsyncs the log as
/// soon as something was committed since its last sync, waiting first until LiteDB's background
/// writer has written the pages of the newest commit (LiteDB's Commit only queues them:
/// DiskService.WriteAsync, DiskWriterQueue). Every commit made while a sync runs is covered by the
/// next one, however many writers wait, so waiting writers share one fsync. Commits nobody waits
/// for are synced the same way, a moment later.
/// </summary>
internal sealed class GroupSync : IDisposable
{
    private readonly StoreFileStream _log;
    private readonly Action? _beforeSync;
    private readonly object _lock = new(); // a monitor: the sync thread waits on it for commits and written pages
    private readonly List<(LogPosition Position, TaskCompletionSource Done)> _waiting = [];
    private readonly Thread _thread;
    private LogPosition _committed;
    private LogPosition _synced;
    private Exception? _failure;
    private bool _stopping;

    /// <param name="log">The log file's stream.</param>
    /// <param name="beforeSync">Runs on the sync thread before each fsync (tests hold it there).</param>
    public GroupSync(StoreFileStream log, Action? beforeSync = null)
    {
        _log = log;
        _beforeSync = beforeSync;
        _committed = log.WrittenTo;
        _synced = log.Sync();
        _log.Written += Wake;
        _thread = new Thread(Run) { IsBackground = true, Name = "store log sync" };
        _thread.Start();
    }

    /// <summary>Told after every commit (under the store's gate), with where its pages end.</summary>
    public void Committed(LogPosition position)
    {
        lock (_lock)
        {
            // Commits are told in order, under the gate; a position only grows.
            if (_committed.IsCoveredBy(position))
            {
                _committed = position;
            }

            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Completes once <paramref name="position"/> is on durable storage; fails if the log cannot be synced.</summary>
    public Task WaitAsync(LogPosition position, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            if (position.IsCoveredBy(_synced))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((position, done));
            Monitor.PulseAll(_lock);
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }

        _thread.Join();
        _log.Written -= Wake;
    }

    private void Wake()
    {
        lock (_lock)
        {
            Monitor.PulseAll(_lock);
        }
    }

    private void Run()
    {
        while (WaitForUnsynced())
        {
            try
            {
                _beforeSync?.Invoke();
                // What was written when the fsync began, which includes the newest commit.
                Release(_log.Sync());
            }
#pragma warning disable CA1031 // A log that cannot be synced fails every waiter, now and later: nothing is acknowledged any more.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Fail(ex);
                return;
            }
        }
    }

    // Blocks until something committed is unsynced and its pages are written; false when stopping.
    private bool WaitForUnsynced()
    {
        lock (_lock)
        {
            while (true)
            {
                if (!_committed.IsCoveredBy(_synced) && _committed.IsCoveredBy(_log.WrittenTo))
                {
                    return true;
                }

                if (_stopping)
                {
                    return false;
                }

                Monitor.Wait(_lock);
            }
        }
    }

    private void Release(LogPosition synced)
    {
        List<TaskCompletionSource> done;
        lock (_lock)
        {
            if (_synced.IsCoveredBy(synced))
            {
                _synced = synced;
            }

            done = _waiting.Where(w => w.Position.IsCoveredBy(_synced)).Select(w => w.Done).ToList();
            _waiting.RemoveAll(w => w.Position.IsCoveredBy(_synced));
        }

        done.ForEach(d => d.TrySetResult());
    }

    private void Fail(Exception ex)
    {
        List<TaskCompletionSource> failed;
        lock (_lock)
        {
            _failure = ex;
            failed = _waiting.Select(w => w.Done).ToList();
            _waiting.Clear();
        }

        failed.ForEach(d => d.TrySetException(ex));
    }
}
