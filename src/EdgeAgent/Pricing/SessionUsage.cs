namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// What a session used (docs/pricing.md, docs/sessions.md): when it started and stopped, its energy
/// readings (the start value and, when stopped, the stop value among them), the spans in which it was
/// idle and the time the balancer held it paused. The one record of it: the session recorder keeps it
/// while a session runs, the store keeps it with the session, and the cost engine prices it.
/// </summary>
public sealed record SessionUsage
{
    /// <summary>Nothing used yet (the times are the session's: <see cref="Sessions.ChargingSession.Usage"/> sets them).</summary>
    public static readonly SessionUsage None = new();

    public DateTimeOffset StartedAt { get; init; }

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

    /// <summary>Time the balancer held the car paused (offered less than its minimum); never idle, never priced.</summary>
    public TimeSpan Paused { get; init; }

    /// <summary>The idle spans' total (the recorder's spans do not overlap).</summary>
    public TimeSpan Idle => IdleSpans.Aggregate(TimeSpan.Zero, (sum, span) => sum + span.Duration);

    /// <summary>The energy its readings show delivered, in Wh: as the cost engine counts it (a register that went down adds nothing).</summary>
    public decimal DeliveredWh => Readings.OrderBy(r => r.At).Zip(Readings.OrderBy(r => r.At).Skip(1), (from, to) => Math.Max(0, to.RegisterWh - from.RegisterWh)).Sum();

    public bool Equals(SessionUsage? other) =>
        other is not null && StartedAt == other.StartedAt && StoppedAt == other.StoppedAt && Paused == other.Paused
        && Readings.SequenceEqual(other.Readings) && IdleSpans.SequenceEqual(other.IdleSpans);

    public override int GetHashCode() => HashCode.Combine(StartedAt, StoppedAt, Paused, Readings.Count, IdleSpans.Count);

    /// <summary>These readings with <paramref name="more"/>, in time order, one reading per instant (the later given wins).</summary>
    public SessionUsage WithReadings(IEnumerable<EnergyReading> more) => this with
    {
        Readings = [.. Readings.Concat(more).Reverse().DistinctBy(r => r.At).OrderBy(r => r.At)],
    };
}
