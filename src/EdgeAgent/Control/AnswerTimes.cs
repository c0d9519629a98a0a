namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// How long a connector's charger took to answer its latest limits (accepted or refused), and from them how long a limit it has
/// not answered may wait before it is overdue: a charger that answers in 0.2 s and leaves a cut unanswered for half a second has
/// most likely lost it, while its driver gives the call up only at the write timeout (5 s) — long after a step's grace of the
/// car's dead time + 1 s (docs/control-loop.md, "An overdue limit"). Not thread-safe: its owner (<see cref="ConnectorRuntime"/>)
/// holds its lock.
/// </summary>
internal sealed class AnswerTimes
{
    /// <summary>How many of the newest answer times count: a charger that slows down is judged by it within a few limits.</summary>
    public const int Window = 8;

    /// <summary>How many answers must be known before a limit is judged overdue: none are on a charger's first limits.</summary>
    public const int Needed = 4;

    /// <summary>The least a limit waits past its charger's slowest answer: the jitter of a network and of a busy charger.</summary>
    public static readonly TimeSpan LeastSlack = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan[] _times = new TimeSpan[Window];
    private int _count;
    private int _next;

    /// <summary>One answer more, <paramref name="took"/> after its limit was sent.</summary>
    public void Add(TimeSpan took)
    {
        _times[_next] = took > TimeSpan.Zero ? took : TimeSpan.Zero;
        _next = (_next + 1) % Window;
        _count = Math.Min(_count + 1, Window);
    }

    /// <summary>
    /// How long after its send a limit its charger has not answered is overdue: twice the slowest of its latest answers, and at least
    /// <see cref="LeastSlack"/> more than it; null while fewer than <see cref="Needed"/> answers are known. A charger whose answers
    /// scatter up to seconds (the bench's 0.1–3 s) is thus never judged before its driver's timeout.
    /// </summary>
    public TimeSpan? OverdueAfter
    {
        get
        {
            if (_count < Needed)
            {
                return null;
            }

            var slowest = TimeSpan.Zero;
            for (var k = 0; k < _count; k++)
            {
                slowest = _times[k] > slowest ? _times[k] : slowest;
            }

            return slowest + (slowest > LeastSlack ? slowest : LeastSlack);
        }
    }
}
