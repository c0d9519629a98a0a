using System.Text.Json.Serialization;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// One charging session on one connector, open while <see cref="StoppedAt"/> is null: the record the
/// store keeps and REST, CSV and MQTT show (docs/sessions.md). Made only by <see cref="SessionRecorder"/>.
/// </summary>
/// <param name="Id">Unique, chosen by the edge; the cloud drops repeats by it.</param>
/// <param name="ChargerId">The charger's id in the site configuration.</param>
/// <param name="ConnectorId">The connector, 1-based.</param>
/// <param name="TransactionId">The OCPP transaction id as the charger knows it (1.6 a number, 2.0.1 the station's string); null for Modbus chargers.</param>
/// <param name="IdTag">The driver's idTag; null where none.</param>
/// <param name="StartedAt">When energy could first flow (car plugged in and authorised).</param>
/// <param name="StoppedAt">When it ended; null while it runs.</param>
/// <param name="EnergyWh">Energy delivered so far, or in all once stopped.</param>
/// <param name="StopReason">Why it ended (OCPP reason names: EVDisconnected, Local, Remote, PowerLoss, …).</param>
/// <param name="TariffId">The tariff the session pays; null where the site has no pricing (not in JSON then).</param>
/// <param name="Cost">What it costs (docs/sessions.md, "Cost"); null where the site has no pricing (not in JSON then).</param>
/// <param name="Budget">The budget it was started with (docs/pricing.md, "Budgets"); null where none (not in JSON then).</param>
public sealed record ChargingSession(
    string Id,
    string ChargerId,
    int ConnectorId,
    ChargerTransactionId? TransactionId,
    string? IdTag,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    double EnergyWh,
    string? StopReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TariffId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SessionCost? Cost = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SessionBudget? Budget = null)
{
    /// <summary>
    /// What a cost engine needs beyond the totals: the energy readings and the idle and paused time.
    /// Kept in the store; not in the REST, CSV or MQTT shapes (the cost is).
    /// </summary>
    /// Its times are always the session's own.
    [JsonIgnore]
    public SessionUsage Usage
    {
        get => _usage.StartedAt == StartedAt && _usage.StoppedAt == StoppedAt ? _usage : _usage with { StartedAt = StartedAt, StoppedAt = StoppedAt };
        init => _usage = value;
    }

    private readonly SessionUsage _usage = SessionUsage.None;
}
