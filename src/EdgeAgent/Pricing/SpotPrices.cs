using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// The spot prices in force: read from the store at start, replaced span by span as the cloud sends
/// more, each new table kept in the store before it is used. Prices that ended more than
/// <see cref="Kept"/> ago are dropped: a session replayed later than that is priced by its tariff.
/// </summary>
public sealed class SpotPrices : IDisposable
{
    public static readonly TimeSpan Kept = TimeSpan.FromDays(35);

    private readonly ISpotPriceStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SpotPriceTable _current;

    public SpotPrices(ISpotPriceStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _current = store.Load();
    }

    public SpotPriceTable Current => Volatile.Read(ref _current);

    /// <summary>Prices that ended before this are not kept.</summary>
    public DateTimeOffset OldestKept => _time.GetUtcNow() - Kept;

    /// <summary>Puts <paramref name="received"/> in force for the span it covers; returns the table now in force.</summary>
    public async Task<SpotPriceTable> ApplyAsync(SpotPriceTable received, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var table = Current.With(received).EndingAfter(OldestKept);
            await _store.SaveAsync(table, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, table);
            return table;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();
}
