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

    // The wait itself, not a flag set around it: it is complete from the very call that ends it (a signal, or a fake
    // clock moved to its end), while a flag cleared after the await stayed set until the woken code ran on the thread
    // pool, and a test moved the clock again meanwhile (docs/control-loop-sessions.md, Session 18, "A flaky trigger test").
    private volatile Task _wait = Task.CompletedTask;

    public void Signal() => _signals.Writer.TryWrite(true);

    /// <summary>True while the loop sleeps with no signal pending (tests wait for this before moving a fake clock).</summary>
    public bool IsIdle => !_wait.IsCompleted && _signals.Reader.Count == 0;

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
        var wait = Task.WhenAny(signalled, elapsed);
        _wait = wait;
        await wait.ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return _signals.Reader.TryRead(out _);
    }
}
