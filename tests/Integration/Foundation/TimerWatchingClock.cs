using ChargeNet.Integration.Tests.Web;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>
/// A fake clock that tells when code under test arms a timer of a given length, and whether that
/// timer has fired: a test can move the clock exactly up to a timeout once it is armed, instead of
/// measuring the wall clock of a machine that may be loaded.
/// </summary>
internal sealed class TimerWatchingClock : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<WatchedTimer> _armed = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(dueTime);
        var timer = base.CreateTimer(s => { watched.MarkFired(); callback(s); }, state, dueTime, period);
        lock (_gate)
        {
            _armed.Add(watched);
        }

        return timer;
    }

    /// <summary>The first timer of <paramref name="dueTime"/> armed since the clock was made (polled until the real-time deadline).</summary>
    public async Task<WatchedTimer> ArmedAsync(TimeSpan dueTime, TimeSpan within)
    {
        WatchedTimer? found = null;
        await Poll.UntilAsync(() =>
        {
            lock (_gate)
            {
                found = _armed.Find(t => t.DueTime == dueTime);
            }

            return Task.FromResult(found is not null);
        }, $"a timer of {dueTime.TotalMilliseconds} ms", within);
        return found!;
    }

    /// <summary>One timer the code under test armed.</summary>
    internal sealed class WatchedTimer(TimeSpan dueTime)
    {
        private int _fired;

        public TimeSpan DueTime { get; } = dueTime;

        public bool Fired => Volatile.Read(ref _fired) == 1;

        public void MarkFired() => Volatile.Write(ref _fired, 1);
    }
}
