using System.Globalization;

namespace ChargeNet.SiteSimulator;

/// <summary>The figures of one run (see <see cref="SiteScore"/> for how each is measured).</summary>
public sealed record SiteFigures
{
    /// <summary>The largest car-caused overload on any phase of any circuit, outside the grace after a rise.</summary>
    public double MaxOverloadA { get; init; }

    /// <summary>The same after the first minute (the loop's start-up, when every charger is still unknown, left out).</summary>
    public double MaxOverloadAfterWarmUpA { get; init; }

    /// <summary>The car-caused overload integrated over time, in A·s per hour of run.</summary>
    public double OverloadAsPerHour { get; init; }

    /// <summary>Where and when the largest overload was.</summary>
    public string? WorstOverload { get; init; }

    /// <summary>How many times the uncontrolled load rose, and after how many the grid was not back under its limit within dead time + 1 s.</summary>
    public int Rises { get; init; }

    public int LateRecoveries { get; init; }

    /// <summary>The longest time from a rise until the grid was back under its limit; null when there was no rise.</summary>
    public double? MaxReactionS { get; init; }

    /// <summary>Σ cars' draw / Σ what they could have drawn, in steady state; null when there was no steady state.</summary>
    public double? CapacityUse { get; init; }

    /// <summary>The same with each car taking at most the least room on any of its phases (it draws the same on each).</summary>
    public double? CapacityUseCoupled { get; init; }

    /// <summary>Capacity use as the issue words it, per <see cref="SteadyWindow"/> (normal, stepped, after a fault); null where a window had no steady time.</summary>
    public IReadOnlyList<double?> CapacityUseByWindow { get; init; } = [null, null, null];

    public double SteadySeconds { get; init; }

    /// <summary>Capacity use as the issue words it, counted only where <see cref="ScoreContext.IsSettled"/> (the loop's answer to the last disturbance is over); null without such time.</summary>
    public double? CapacityUseSettled { get; init; }

    public double SettledSeconds { get; init; }

    /// <summary>Capacity use in steady state where room under a car's 6 A minimum on a node phase counts as none (no car can draw there).</summary>
    public double? CapacityUseAboveMinimum { get; init; }

    /// <summary>Limit changes of more than 1 A per connector (with a car) per minute, in steady state.</summary>
    public double LimitChangesPerConnectorMinute { get; init; }

    /// <summary>The most limit changes over 1 A one connector got within any 60 s in steady state (property 3, per connector).</summary>
    public int MostChangesInAMinute { get; init; }

    /// <summary>Which connector, and when, got <see cref="MostChangesInAMinute"/>.</summary>
    public string? MostChangesWhere { get; init; }

    /// <summary>Pause/resume cycles per connector (with a car) per hour.</summary>
    public double PauseResumePerConnectorHour { get; init; }

    /// <summary>The shortest pause begun in steady state (one begun at a disturbance is the loop's answer to it).</summary>
    public double? ShortestPauseS { get; init; }

    /// <summary>How many pauses begun in steady state ended before the pause hold (property 3: none should).</summary>
    public int ShortPauses { get; init; }

    /// <summary>The longest a car that wants energy was offered less than its minimum without a break.</summary>
    public double LongestWaitS { get; init; }

    /// <summary>After the grid meter failed: the time until the cars together stayed at or under the fallback current; null without a fault.</summary>
    public double? FallbackS { get; init; }

    /// <summary>meterTimeoutS + one cycle + the cars' dead time.</summary>
    public double FallbackBoundS { get; init; }

    /// <summary>The most the cars together drew per phase above the fallback current, after the bound.</summary>
    public double FallbackExcessA { get; init; }

    /// <summary>Per grid phase, the most the loop's estimate of the load nobody controls was under the truth (<see cref="EstimateScore"/>).</summary>
    public IReadOnlyList<double> MaxUnderEstimateA { get; init; } = [0, 0, 0];

    /// <summary>Per grid phase, that shortfall integrated over time, in A·s per hour of run.</summary>
    public IReadOnlyList<double> UnderEstimateAsPerHour { get; init; } = [0, 0, 0];

    /// <summary>Raises sent while a decrease sent less than a dead time before was not yet confirmed.</summary>
    public int RaisesBeforeDecreases { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"overload max {MaxOverloadA:0.0} A ({MaxOverloadAfterWarmUpA:0.0} A after the first minute), {OverloadAsPerHour:0} A·s/h ({WorstOverload ?? "none"}); rises {Rises}, late {LateRecoveries}, reaction max {MaxReactionS:0.0} s; " +
        $"capacity use {CapacityUse:P0} ({CapacityUseCoupled:P0} with each car within its phases' room) over {SteadySeconds:0} s steady; limit changes {LimitChangesPerConnectorMinute:0.00}/connector/min (at most {MostChangesInAMinute} on one in a minute: {MostChangesWhere}); " +
        $"pause/resume {PauseResumePerConnectorHour:0.0}/connector/h (shortest pause {ShortestPauseS:0} s, {ShortPauses} under the hold); longest wait {LongestWaitS:0} s; fallback {FallbackS:0.0} s (bound {FallbackBoundS:0.0} s, excess after it {FallbackExcessA:0.0} A); " +
        $"raises before decreases settled {RaisesBeforeDecreases}");
}
