using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What one connector last reported (StatusNotification, MeterValues, Start/StopTransaction).</summary>
/// <param name="ConnectorId">1-based.</param>
/// <param name="State">The last status as the control loop understands it, null before the first StatusNotification.</param>
/// <param name="Status">The last status in the charger's own word (its OCPP version's), null before the first.</param>
/// <param name="ErrorCode">The last error code (NoError when all is well).</param>
/// <param name="CurrentA">Measured current per charger phase (Current.Import).</param>
/// <param name="OfferedA">Current.Offered, when reported.</param>
/// <param name="EnergyWh">Energy.Active.Import.Register.</param>
/// <param name="TransactionId">The transaction running on it, if any (as the charger knows it: 1.6 a number, 2.0.1 a string).</param>
/// <param name="UpdatedAt">When any of this was last reported (the edge's clock).</param>
/// <param name="PhasesKnown">False while the last Current.Import came without a phase (its value is then on all three).</param>
/// <param name="Needs">What the car said it needs (2.0.1 NotifyEVChargingNeeds), until its transaction ends.</param>
/// <param name="CurrentsMeasuredAt">
/// When <see cref="CurrentA"/> was measured: the sampled time of the meter value that carried it (clamped, see
/// <see cref="V16.OcppSampleReader.MeasuredAt"/>), null before any. Unlike <see cref="UpdatedAt"/>, a StatusNotification
/// does not move it: the currents it leaves in place are as old as they were.
/// </param>
/// <param name="PowerW">Power.Active.Import of the meter value that carried <see cref="CurrentA"/> (W, summed over phases); null if it had none.</param>
/// <param name="OfferedAt">When <see cref="OfferedA"/> was sampled (clamped as <see cref="CurrentsMeasuredAt"/>), null before any.</param>
public sealed record OcppConnectorLive(
    int ConnectorId,
    ConnectorState? State,
    string? Status,
    string ErrorCode,
    PhaseValues CurrentA,
    double? OfferedA,
    double EnergyWh,
    string? TransactionId,
    DateTimeOffset UpdatedAt,
    bool PhasesKnown = true,
    EvChargingNeeds? Needs = null,
    DateTimeOffset? CurrentsMeasuredAt = null,
    double? PowerW = null,
    DateTimeOffset? OfferedAt = null)
{
    public static OcppConnectorLive Empty(int connectorId, DateTimeOffset now) =>
        new(connectorId, null, null, "NoError", PhaseValues.Zero, null, 0, null, now);
}
