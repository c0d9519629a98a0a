namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary>
/// The number of stored events for <c>/metrics</c>, counted at most once per <see cref="MaxAge"/>:
/// a count walks the events collection under the store's one lock, and a scraper (or anyone who
/// may scrape) must not be able to hold up OCPP answers and the control loop's writes with it.
/// A scrape that comes while another one counts gets the last count.
/// </summary>
public sealed class StoredEventsGauge(Func<CancellationToken, Task<int>> count, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _counting = new(1, 1);
    private Counted? _last;

    /// <summary>The last count, refreshed when older than <see cref="MaxAge"/>; null before the first count completed.</summary>
    public async Task<int?> GetAsync(CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && time.GetUtcNow() - last.At < MaxAge)
        {
            return last.Value;
        }

        if (!await _counting.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return last?.Value;
        }

        try
        {
            var value = await count(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _last, new Counted(value, time.GetUtcNow()));
            return value;
        }
        finally
        {
            _counting.Release();
        }
    }

    public void Dispose() => _counting.Dispose();

    private sealed record Counted(int Value, DateTimeOffset At);
}
