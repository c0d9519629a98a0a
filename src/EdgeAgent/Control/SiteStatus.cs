namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The site after one control cycle: what was measured, what was decided. The fields of the MQTT
/// <c>telemetry</c> payload (docs/mqtt.md), and the REST <c>status</c>.
/// </summary>
/// <param name="Ts">When the cycle ran.</param>
/// <param name="SiteId">The site's id.</param>
/// <param name="Revision">The configuration revision in force.</param>
/// <param name="Strategy">The allocation strategy.</param>
/// <param name="Grid">The grid connection.</param>
/// <param name="AllocatedA">The sum of the limits given, per grid phase.</param>
/// <param name="Chargers">Every charger.</param>
/// <param name="CycleMs">How long the cycle's own work took, from its start to the setpoints sent.</param>
public sealed record SiteStatus(
    DateTimeOffset Ts,
    string SiteId,
    int Revision,
    string Strategy,
    GridView Grid,
    double[] AllocatedA,
    IReadOnlyList<ChargerView> Chargers,
    double CycleMs)
{
    /// <summary>
    /// False while control cycles fail: the chargers were sent their failsafe currents and nothing is
    /// balanced until a cycle completes again (<c>/readyz</c> answers 503 meanwhile).
    /// </summary>
    public bool Controlling { get; init; } = true;

    /// <summary>How many cycles in a row have failed (0 while the loop controls).</summary>
    public int FailedCycles { get; init; }

    /// <summary>True until the first valid grid reading: every charger is held at its failsafe current at most.</summary>
    public bool StartupHold { get; init; }

    /// <summary>This cycle's latency from the grid reading's timestamp to the setpoints sent; null when it acted on no new reading.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>The latency over the telemetry interval (p50, p99, max).</summary>
    public LatencySummary? Latency { get; init; }

    /// <summary>The emergency stop and curtailment the cycle acted on; null only in a status not built by a cycle.</summary>
    public ConstraintsView? Constraints { get; init; }

    /// <summary>The manual limits in force.</summary>
    public IReadOnlyList<ManualLimitView> ManualLimits { get; init; } = [];

    /// <summary>The site's own bill: this month's peak, the target, the saving (docs/load-balancing.md); null without a power tariff.</summary>
    public Peak.PeakView? Peak { get; init; }
}
