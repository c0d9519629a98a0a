namespace ChargeNet.Drivers.Limits;

/// <summary>
/// Counts failures per key (a client address) in a sliding window: a key with <c>limit</c> failures
/// within <c>window</c> waits until the oldest of them leaves it. An attempt can be counted before it
/// is made (<see cref="TryReserve"/>), so attempts already in flight cannot all get past the limit.
/// At most <see cref="MaxKeys"/> keys are kept (the stalest goes first), so a sweep of source
/// addresses cannot grow it without bound. Thread-safe.
/// </summary>
public sealed class FailureLimiter<TKey>(int limit, TimeSpan window, TimeProvider time)
    where TKey : notnull
{
    public const int MaxKeys = 4096;

    private readonly Dictionary<TKey, Queue<DateTimeOffset>> _failures = [];
    private readonly Lock _lock = new();

    /// <summary>How long <paramref name="key"/> must wait; zero when it may try now.</summary>
    public TimeSpan RetryAfter(TKey key)
    {
        lock (_lock)
        {
            return WaitOf(key, time.GetUtcNow());
        }
    }

    /// <summary>
    /// Counts an attempt as a failure before it is made, unless <paramref name="key"/> must wait
    /// (then <paramref name="wait"/> says how long). A success clears it with <see cref="Clear"/>.
    /// </summary>
    public bool TryReserve(TKey key, out TimeSpan wait)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            wait = WaitOf(key, now);
            if (wait > TimeSpan.Zero)
            {
                return false;
            }

            Add(key, now);
            return true;
        }
    }

    public void RecordFailure(TKey key)
    {
        lock (_lock)
        {
            Add(key, time.GetUtcNow());
        }
    }

    /// <summary>Forgets the failures of <paramref name="key"/> (it proved itself).</summary>
    public void Clear(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    private TimeSpan WaitOf(TKey key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            return TimeSpan.Zero;
        }

        Trim(times, now);
        if (times.Count == 0)
        {
            _failures.Remove(key);
            return TimeSpan.Zero;
        }

        return times.Count >= limit ? times.Peek() + window - now : TimeSpan.Zero;
    }

    private void Add(TKey key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            if (_failures.Count >= MaxKeys)
            {
                Evict(now);
            }

            times = new Queue<DateTimeOffset>();
            _failures[key] = times;
        }

        times.Enqueue(now);
        while (times.Count > limit)
        {
            times.Dequeue();
        }
    }

    private void Trim(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() <= now - window)
        {
            times.Dequeue();
        }
    }

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, times) in _failures.ToList())
        {
            Trim(times, now);
            if (times.Count == 0)
            {
                _failures.Remove(key);
            }
        }

        if (_failures.Count >= MaxKeys)
        {
            _failures.Remove(_failures.MinBy(f => f.Value.Peek()).Key);
        }
    }
}
