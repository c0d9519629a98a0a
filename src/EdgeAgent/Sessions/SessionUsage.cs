namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// A session's energy readings, in time order, and its idle and paused time: what the cost of
/// docs/sessions.md is computed from besides the session's start, stop and energy.
/// </summary>
/// <param name="Readings">The energy register over the session, oldest first (the start and stop readings included where known).</param>
/// <param name="Idle">Time the car was offered at least its minimum current but drew under 1 A.</param>
/// <param name="Paused">Time the balancer held the car paused (offered less than its minimum); never idle.</param>
public sealed record SessionUsage(IReadOnlyList<EnergyReading> Readings, TimeSpan Idle, TimeSpan Paused)
{
    public static readonly SessionUsage None = new([], TimeSpan.Zero, TimeSpan.Zero);

    public bool Equals(SessionUsage? other) =>
        other is not null && Idle == other.Idle && Paused == other.Paused && Readings.SequenceEqual(other.Readings);

    public override int GetHashCode() => HashCode.Combine(Idle, Paused, Readings.Count);

    /// <summary>These readings with <paramref name="more"/>, in time order, one reading per instant (the later given wins).</summary>
    public SessionUsage WithReadings(IEnumerable<EnergyReading> more) => this with
    {
        Readings = [.. Readings.Concat(more).Reverse().DistinctBy(r => r.At).OrderBy(r => r.At)],
    };
}
