namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The <c>telemetry</c> message: the site after the latest control cycle, compact.</summary>
/// <param name="Ts">When the cycle ran.</param>
/// <param name="Revision">The configuration revision in force.</param>
/// <param name="Grid">The grid connection.</param>
/// <param name="AllocatedA">The sum of the limits given, per grid phase L1, L2, L3.</param>
/// <param name="Chargers">Every charger.</param>
/// <param name="CycleMs">How long the latest control cycle's own work took.</param>
/// <param name="Latency">Meter reading to setpoints sent over the telemetry interval: count, p50, p99, max (ms).</param>
public sealed record TelemetryPayload(
    DateTimeOffset Ts,
    int Revision,
    TelemetryGrid Grid,
    double[] AllocatedA,
    IReadOnlyList<TelemetryCharger> Chargers,
    double CycleMs,
    Control.LatencySummary? Latency)
{
    /// <summary>The site's own bill: this month's peak, the target, the saving (docs/mqtt.md); left out without a power tariff.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Peak.PeakView? Peak { get; init; }
}
