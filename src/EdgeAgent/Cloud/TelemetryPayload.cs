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
    /// <summary>False while control cycles fail: the chargers are at their failsafe currents and nothing is balanced.</summary>
    public bool Controlling { get; init; } = true;

    /// <summary>How many control cycles in a row have failed (0 while the loop controls).</summary>
    public int FailedCycles { get; init; }

    /// <summary>True until the grid meter's first valid reading: every charger is held at its failsafe current at most.</summary>
    public bool StartupHold { get; init; }

    /// <summary>The emergency stop and curtailment the cycle acted on (docs/mqtt.md); left out when the status has none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Control.ConstraintsView? Constraints { get; init; }

    /// <summary>The site's own bill: this month's peak, the target, the saving (docs/mqtt.md); left out without a power tariff.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Peak.PeakView? Peak { get; init; }
}
