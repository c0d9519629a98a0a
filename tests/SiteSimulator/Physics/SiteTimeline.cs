namespace ChargeNet.SiteSimulator;

/// <summary>What disturbed the site: the score's steady state is the time far enough from all of them.</summary>
public enum DisturbanceKind
{
    /// <summary>Cars arrived, left or went full.</summary>
    Churn,

    /// <summary>The uncontrolled load stepped up: the one overload the cars are not to blame for, at first.</summary>
    Rise,

    /// <summary>The uncontrolled load stepped down.</summary>
    Fall,

    /// <summary>The grid meter failed (silent, port closed, exception answers, frozen).</summary>
    MeterFailed,

    MeterRecovered,

    /// <summary>The grid meter gave one impossible reading.</summary>
    BadReading,
}

/// <summary>One disturbance and when it happened.</summary>
public sealed record Disturbance(DateTimeOffset At, DisturbanceKind Kind);

/// <summary>The site's scheduled events, run in time order as the clock passes them, and the record of what ran.</summary>
public sealed class SiteTimeline
{
    private readonly PriorityQueue<(DisturbanceKind Kind, Action<DateTimeOffset> Act), (DateTimeOffset At, int Seq)> _scheduled = new();
    private readonly List<Disturbance> _happened = [];
    private int _seq;

    public IReadOnlyList<Disturbance> Happened => _happened;

    public void Schedule(DateTimeOffset at, DisturbanceKind kind, Action<DateTimeOffset> act) => _scheduled.Enqueue((kind, act), (at, _seq++));

    public void RunDue(DateTimeOffset now)
    {
        while (_scheduled.TryPeek(out _, out var key) && key.At <= now)
        {
            var (kind, act) = _scheduled.Dequeue();
            act(now);
            _happened.Add(new Disturbance(now, kind));
        }
    }
}
