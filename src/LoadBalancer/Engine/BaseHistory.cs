using System.Runtime.CompilerServices;

namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A node's base (load nobody controls) per grid phase as the last <see cref="Length"/> calls estimated it, each with its
/// call's time: the base a limit sent in one of those calls went out on, looked up when the limit is credited later
/// (docs/control-loop.md, Session 29). Older calls are forgotten: a limit sent before them has no known base.
/// </summary>
internal struct BaseHistory
{
    public const int Length = 32;

    private Entries _entries;
    private int _next;
    private int _count;

    /// <summary>Records the base of the call at <paramref name="at"/>.</summary>
    public void Add(DateTimeOffset at, PhaseCurrents baseA)
    {
        _entries[_next] = new Entry(at.UtcTicks, baseA);
        _next = (_next + 1) % Length;
        _count = Math.Min(_count + 1, Length);
    }

    /// <summary>The base of the latest recorded call at or before <paramref name="ticks"/>; null when none is kept.</summary>
    public readonly PhaseCurrents? AsOf(long ticks)
    {
        for (var n = 1; n <= _count; n++)
        {
            var entry = _entries[(_next - n + Length) % Length];
            if (entry.Ticks <= ticks)
            {
                return entry.BaseA;
            }
        }

        return null;
    }

    private readonly record struct Entry(long Ticks, PhaseCurrents BaseA);

    [InlineArray(Length)]
    private struct Entries
    {
        private Entry _entry;
    }
}
