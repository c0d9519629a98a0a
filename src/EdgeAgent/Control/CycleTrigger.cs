using System.Threading.Channels;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Wakes the loop: any number of signals while a cycle runs collapse into one, so the loop runs
/// at most one cycle at a time and never falls behind a fast meter.
/// </summary>
internal sealed class CycleTrigger
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Signal() => _signals.Writer.TryWrite(true);

    /// <summary>Waits for a signal or until <paramref name="timeout"/> has passed; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_signals.Reader.TryRead(out _))
        {
            return true;
        }

        if (timeout <= TimeSpan.Zero)
        {
            return false;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _signals.Reader.WaitToReadAsync(stop.Token).AsTask();
        var elapsed = Task.Delay(timeout, time, stop.Token);
        await Task.WhenAny(signalled, elapsed).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return _signals.Reader.TryRead(out _);
    }
}
