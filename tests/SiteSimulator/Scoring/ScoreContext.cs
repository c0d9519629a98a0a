using ChargeNet.LoadBalancer;

namespace ChargeNet.SiteSimulator;

/// <summary>What every part of the score needs to know of the run.</summary>
/// <param name="Site">The ground truth.</param>
/// <param name="Timeline">What disturbed it and when.</param>
/// <param name="MarginA">The grid's safety margin.</param>
/// <param name="FallbackA">The grid's fallback current.</param>
/// <param name="DeadTime">The cars' dead time.</param>
/// <param name="FallbackBound">meterTimeoutS + one cycle + the dead time.</param>
/// <param name="Start">When the run began.</param>
internal sealed record ScoreContext(PhysicalSite Site, SiteTimeline Timeline, double MarginA, double FallbackA, TimeSpan DeadTime, TimeSpan FallbackBound, DateTimeOffset Start)
{
    /// <summary>The time after the start in which the loop settles; nothing there is scored but overload.</summary>
    /// <summary>The context of a run of <paramref name="site"/> from <paramref name="start"/>.</summary>
    public static ScoreContext For(BuiltSite site, DateTimeOffset start)
    {
        var grid = site.Configuration.Grid;
        return new ScoreContext(
            site.Physics,
            site.Timeline,
            grid.SafetyMarginA,
            grid.FallbackCurrentA,
            site.Recipe.DeadTime,
            TimeSpan.FromSeconds(grid.MeterTimeoutS) + ClosedLoopSite.CyclePeriod + site.Recipe.DeadTime,
            start);
    }

    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(60);

    /// <summary>Steady state: this long since the last disturbance, past the warm-up, and not while the grid meter is failed.</summary>
    public static readonly TimeSpan SteadyAfter = TimeSpan.FromSeconds(30);

    /// <summary>The grace after a rise of the uncontrolled load: dead time + 1 s.</summary>
    public TimeSpan Grace => DeadTime + TimeSpan.FromSeconds(1);

    public bool IsSteady(DateTimeOffset now)
    {
        if (now - Start < WarmUp + SteadyAfter)
        {
            return false;
        }

        var happened = Timeline.Happened;
        if (happened.Count == 0)
        {
            return true;
        }

        // While the grid meter is failed the fallback current governs, not the capacity: not steady.
        for (var i = happened.Count - 1; i >= 0; i--)
        {
            if (happened[i].Kind == DisturbanceKind.MeterRecovered)
            {
                break;
            }

            if (happened[i].Kind == DisturbanceKind.MeterFailed)
            {
                return false;
            }
        }

        return now - happened[^1].At >= SteadyAfter;
    }

    /// <summary>
    /// How long after a disturbance (or the warm-up) the loop's answer to it can still be under way: a car it paused
    /// sits out the pause hold (<see cref="BalancerSettings.MinPauseTime"/>, property 3) and then starts after its dead
    /// time and a cycle (the grace). <see cref="SteadyAfter"/> is shorter, so steady state includes held cars.
    /// </summary>
    public TimeSpan SettleAfter => new BalancerSettings { FallbackCurrentA = FallbackA }.MinPauseTime + Grace;

    /// <summary>Steady, and <see cref="SettleAfter"/> past the last disturbance and the warm-up (docs/control-loop-sessions.md, Session 16).</summary>
    public bool IsSettled(DateTimeOffset now)
    {
        var happened = Timeline.Happened;
        var since = happened.Count > 0 && happened[^1].At > Start + WarmUp ? happened[^1].At : Start + WarmUp;
        return IsSteady(now) && now - since >= SettleAfter;
    }

    /// <summary>How long after the grid meter came back a moment counts as its aftermath (the paused cars' hold, the ramp).</summary>
    public static readonly TimeSpan FaultAftermath = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Which part of the run <paramref name="now"/> belongs to, for capacity use by window: while the uncontrolled
    /// load is stepped up (its latest step was a rise), within <see cref="FaultAftermath"/> after the grid meter came
    /// back, or neither.
    /// </summary>
    public SteadyWindow WindowOf(DateTimeOffset now)
    {
        var happened = Timeline.Happened;
        var window = SteadyWindow.Normal;
        for (var i = happened.Count - 1; i >= 0; i--)
        {
            switch (happened[i].Kind)
            {
                case DisturbanceKind.Rise:
                    return SteadyWindow.Stepped;
                case DisturbanceKind.Fall:
                    return window;
                case DisturbanceKind.MeterRecovered when now - happened[i].At <= FaultAftermath:
                    window = SteadyWindow.AfterFault;
                    break;
            }
        }

        return window;
    }

    /// <summary>The start of the latest rise of the uncontrolled load whose grace has not run out, if any.</summary>
    public DateTimeOffset? RiseInGrace(DateTimeOffset now)
    {
        var happened = Timeline.Happened;
        for (var i = happened.Count - 1; i >= 0 && now - happened[i].At <= Grace; i--)
        {
            if (happened[i].Kind == DisturbanceKind.Rise)
            {
                return happened[i].At;
            }
        }

        return null;
    }

    /// <summary>The kinds of disturbance that happened at exactly <paramref name="now"/>.</summary>
    public IEnumerable<DisturbanceKind> KindsAt(DateTimeOffset now)
    {
        var happened = Timeline.Happened;
        for (var i = happened.Count - 1; i >= 0 && happened[i].At == now; i--)
        {
            yield return happened[i].Kind;
        }
    }
}

/// <summary>A part of a run, for capacity use by window (<see cref="ScoreContext.WindowOf"/>).</summary>
public enum SteadyWindow
{
    Normal,
    Stepped,
    AfterFault,
}
