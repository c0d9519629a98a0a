namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The site after one control cycle: what was measured, what was decided. The fields of the MQTT
/// <c>telemetry</c> payload (CONTRACTS.md section 4), and the REST <c>status</c>.
/// </summary>
/// <param name="Ts">When the cycle ran.</param>
/// <param name="SiteId">The site's id.</param>
/// <param name="Revision">The configuration revision in force.</param>
/// <param name="Strategy">The allocation strategy.</param>
/// <param name="Grid">The grid connection.</param>
/// <param name="AllocatedA">The sum of the limits given, per grid phase.</param>
/// <param name="Chargers">Every charger.</param>
/// <param name="CycleMs">How long the cycle took from the meter reading to the setpoints sent.</param>
public sealed record SiteStatus(
    DateTimeOffset Ts,
    string SiteId,
    int Revision,
    string Strategy,
    GridView Grid,
    double[] AllocatedA,
    IReadOnlyList<ChargerView> Chargers,
    double CycleMs);
