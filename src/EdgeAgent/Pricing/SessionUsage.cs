namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// What a session used, as the cost engine takes it (docs/pricing.md): when it started and stopped,
/// its energy readings (the start value and, when stopped, the stop value among them), and the
/// spans in which it was idle.
/// </summary>
public sealed record SessionUsage
{
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Null while the session runs.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>In any order; the engine sorts them by time.</summary>
    public IReadOnlyList<EnergyReading> Readings { get; init; } = [];

    /// <summary>
    /// When the car was offered at least its minimum current but drew under 1 A. Whoever builds these
    /// leaves out the time the balancer held the car paused: that is never idle. May overlap; an open
    /// span ends at the stop (or now).
    /// </summary>
    public IReadOnlyList<TimeRange> IdleSpans { get; init; } = [];
}
