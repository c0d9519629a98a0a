using ChargeNet.LoadBalancer;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// Property 3: limit changes of more than 1 A per connector (with a car) per minute in steady state,
/// from the requests the chargers received; pause/resume cycles per connector per hour, from the
/// current the chargers offered their cars (under 6 A is a pause); the pauses begun in steady state that ended before the
/// pause hold (<see cref="BalancerSettings.MinPauseTime"/>).
/// </summary>
internal sealed class StabilityScore(ScoreContext context)
{
    private readonly double[] _lastRequestA = Enumerable.Repeat(double.NaN, context.Site.Connectors.Count).ToArray();
    private readonly SimCar?[] _carSeen = new SimCar?[context.Site.Connectors.Count];
    private readonly bool[] _paused = new bool[context.Site.Connectors.Count];
    private readonly DateTimeOffset?[] _pausedAt = new DateTimeOffset?[context.Site.Connectors.Count];
    private readonly bool[] _pausedSteady = new bool[context.Site.Connectors.Count];
    private readonly Queue<DateTimeOffset>[] _recentChanges = [.. Enumerable.Range(0, context.Site.Connectors.Count).Select(_ => new Queue<DateTimeOffset>())];
    private int _mostInAMinute;
    private string? _mostWhere;
    private int _journalRead;
    private int _bigChanges;
    private double _steadyOccupiedS;
    private double _occupiedS;
    private int _cycles;
    private double? _shortestPauseS;
    private int _shortPauses;

    // Property 3's pause hold: a steady pause shorter than this is a car paused and restarted faster than the hold times allow.
    private readonly TimeSpan _pauseHold = new BalancerSettings { FallbackCurrentA = context.FallbackA }.MinPauseTime;

    public void Observe(DateTimeOffset now, TimeSpan dt)
    {
        var steady = context.IsSteady(now);
        var records = context.Site.Journal.Records;
        for (; _journalRead < records.Count; _journalRead++)
        {
            var record = records[_journalRead];
            if (record.Outcome != CommandOutcome.Requested)
            {
                continue;
            }

            var before = _lastRequestA[record.Connector];
            _lastRequestA[record.Connector] = record.LimitA;
            if (steady && context.Site.Connectors[record.Connector].Car is not null && Math.Abs(record.LimitA - before) > 1)
            {
                _bigChanges++;
                CountInItsMinute(record.Connector, record.At);
            }
        }

        foreach (var connector in context.Site.Connectors)
        {
            ObservePause(connector, now, dt, steady);
        }
    }

    public SiteFigures Fill(SiteFigures figures) => figures with
    {
        LimitChangesPerConnectorMinute = _steadyOccupiedS > 0 ? _bigChanges / (_steadyOccupiedS / 60) : 0,
        PauseResumePerConnectorHour = _occupiedS > 0 ? _cycles / (_occupiedS / 3600) : 0,
        ShortestPauseS = _shortestPauseS,
        ShortPauses = _shortPauses,
        MostChangesInAMinute = _mostInAMinute,
        MostChangesWhere = _mostWhere,
    };

    // Property 3 is per connector: the most changes over 1 A any one connector got within 60 s (an average over the site hid one
    // connector oscillating among many steady ones).
    private void CountInItsMinute(int connector, DateTimeOffset at)
    {
        var recent = _recentChanges[connector];
        recent.Enqueue(at);
        while (recent.Peek() <= at - TimeSpan.FromMinutes(1))
        {
            recent.Dequeue();
        }

        if (recent.Count > _mostInAMinute)
        {
            _mostInAMinute = recent.Count;
            _mostWhere = $"{context.Site.Connectors[connector].ChargerId} at +{(at - context.Start).TotalSeconds:0} s";
        }
    }

    private void ObservePause(SimConnector connector, DateTimeOffset now, TimeSpan dt, bool steady)
    {
        var i = connector.Index;
        var paused = connector.OfferedA < SimCar.MinimumA;
        if (connector.Car is not { Full: false } car || now - context.Start < ScoreContext.WarmUp)
        {
            _carSeen[i] = null;
            _pausedAt[i] = null;
            _paused[i] = paused;
            return;
        }

        _occupiedS += dt.TotalSeconds;
        _steadyOccupiedS += steady ? dt.TotalSeconds : 0;
        if (_carSeen[i] != car)
        {
            _carSeen[i] = car;
            _pausedAt[i] = null;
        }
        else if (paused && !_paused[i])
        {
            _pausedAt[i] = now;
            _pausedSteady[i] = steady;
        }
        else if (!paused && _paused[i] && _pausedAt[i] is { } pausedAt)
        {
            _cycles++;

            // The hold times are property 3's, a steady-state property: a pause decided at a disturbance (a step read over
            // with its base unsure) may be taken back once the base is known (docs/control-loop-sessions.md, Session 20).
            if (_pausedSteady[i])
            {
                _shortestPauseS = Math.Min(_shortestPauseS ?? double.MaxValue, (now - pausedAt).TotalSeconds);
                _shortPauses += now - pausedAt < _pauseHold ? 1 : 0;
            }
        }

        _paused[i] = paused;
    }
}
