using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>The limit the edge wants on one connector and what became of it.</summary>
/// <param name="ConnectorId">1-based.</param>
/// <param name="RequestedA">What the control loop asked for last.</param>
/// <param name="SentA">What was last sent to the charge point (null before the first send).</param>
/// <param name="Outcome">The charge point's answer to the last send.</param>
/// <param name="Detail">Why it was rejected or failed.</param>
/// <param name="At">When the last send was answered.</param>
public sealed record OcppLimitRecord(int ConnectorId, double RequestedA, double? SentA, SetpointOutcome? Outcome, string? Detail, DateTimeOffset? At)
{
    /// <summary>The limit in force as far as the edge knows: only an accepted one counts.</summary>
    public double? InForceA => Outcome == SetpointOutcome.Accepted ? SentA : null;
}
