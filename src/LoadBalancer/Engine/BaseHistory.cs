namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A node's base (load nobody controls) per grid phase as each recent call estimated it, with the call's time: the base a
/// limit sent in one of those calls went out on, looked up when the limit is credited later (docs/control-loop-sessions.md, Session 29).
/// It reaches back a span of time, not a number of calls: cycles run on each grid reading, and a meter read every 0.1 s made 32
/// calls shorter than a car's response time. A base estimated while the node's meter was unknown is no base to measure a rise
/// from (a stale grid meter's base leaves its own reading out): it is kept as unknown.
/// </summary>
internal sealed class BaseHistory
{
    private Entry[] _ring = new Entry[16];
    private int _oldest;
    private int _count;

    /// <summary>
    /// Records the base of the call at <paramref name="at"/> and forgets what is older than <paramref name="keepFor"/>, but for
    /// the newest such call: a send time right at the window's start still finds the call it went out in.
    /// </summary>
    public void Add(DateTimeOffset at, PhaseCurrents baseA, bool known, TimeSpan keepFor)
    {
        if (_count == _ring.Length)
        {
            var grown = new Entry[_ring.Length * 2];
            for (var n = 0; n < _count; n++)
            {
                grown[n] = Nth(n);
            }

            _ring = grown;
            _oldest = 0;
        }

        _ring[(_oldest + _count) % _ring.Length] = new Entry(at.UtcTicks, baseA, known);
        _count++;
        var fromTicks = at.UtcTicks - keepFor.Ticks;
        while (_count > 1 && Nth(1).Ticks <= fromTicks)
        {
            _oldest = (_oldest + 1) % _ring.Length;
            _count--;
        }
    }

    /// <summary>
    /// The base of the latest recorded call at or before <paramref name="ticks"/>; null when that call's base was unknown or
    /// the history no longer reaches back that far.
    /// </summary>
    public PhaseCurrents? AsOf(long ticks)
    {
        for (var n = _count - 1; n >= 0; n--)
        {
            var entry = Nth(n);
            if (entry.Ticks <= ticks)
            {
                return entry.Known ? entry.BaseA : null;
            }
        }

        return null;
    }

    // The n-th oldest entry kept.
    private Entry Nth(int n) => _ring[(_oldest + n) % _ring.Length];

    private readonly record struct Entry(long Ticks, PhaseCurrents BaseA, bool Known);
}
