namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A charger whose latest read failed — no answer within the read timeout, or an error — though it did not say it is
/// offline, and whose last good reading of its currents is recent: a missed poll, not a lost charger (docs/control-loop-sessions.md,
/// Session 28, "A missed read keeps its limit").
/// </summary>
internal static class MissedRead
{
    /// <summary>Whether <paramref name="runtime"/>'s charger missed its latest read while its last reading is no older than <paramref name="within"/> at <paramref name="now"/>.</summary>
    public static bool Recent(ConnectorRuntime runtime, DateTimeOffset now, TimeSpan within) =>
        !runtime.Reachable
        && !runtime.Disconnected
        && runtime.Status is { } status
        && status.CurrentsAt != DateTimeOffset.MinValue
        && now - status.CurrentsAt <= within
        // A reading "ahead" of a clock stepped back is no recent one: held through the step, a silent charger kept its limit.
        && now >= status.CurrentsAt;
}
