using System.Globalization;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// The charging profiles the upstream set on one charger (docs/upstream.md, "Limits"): kept at the
/// edge, stacked as the charger would stack them (<see cref="OcppChargingProfileSet"/>, OCPP 1.6
/// section 3.13), never sent to the charger as they are. The edge's own profile carries the lower of
/// its limit and theirs at every moment; GetCompositeSchedule answers that combined schedule.
/// Kept in <see cref="IOcppUpstreamProfileStore"/>, so they stay in force across a restart of the edge.
/// OCPP 1.6 only so far: a 2.0.1 upstream's profile is answered Rejected.
/// </summary>
public sealed class OcppUpstreamLimits
{
    /// <summary>Stands for "no limit" in a composite schedule (no real connector carries it).</summary>
    private const double Unlimited = 100_000;

    private readonly OcppChargePoint _chargePoint;
    private readonly IOcppUpstreamProfileStore _store;
    private readonly OcppChargingProfileSet _profiles = new();

    /// <summary>The charger's limits, with the profiles kept for it before (a restart of the edge) installed again.</summary>
    public OcppUpstreamLimits(OcppChargePoint chargePoint, IOcppUpstreamProfileStore store)
    {
        _chargePoint = chargePoint;
        _store = store;
        foreach (var kept in store.Load(_chargePoint.Id))
        {
            var set = JsonSerializer.Deserialize(kept, OcppJsonContext.Default.SetChargingProfileRequest)!;
            // Accepted when it was set: a TxProfile keeps the transaction it was set for (it was made the edge's then).
            _profiles.Install(set.ConnectorId, set.CsChargingProfiles, set.CsChargingProfiles.TransactionId);
        }
    }

    internal async Task<OcppFrame> HandleAsync(OcppCall call, CancellationToken cancellationToken)
    {
        if (_chargePoint.Protocol?.Version != OcppVersion.V16)
        {
            return new OcppCallResult(call.MessageId, JsonSerializer.SerializeToElement(new StatusResponse("Rejected"), OcppJsonContext.Default.StatusResponse));
        }

        var options = OcppJsonContext.Default;
        switch (call.Action)
        {
            case "SetChargingProfile":
                var set = call.Payload.Deserialize(options.SetChargingProfileRequest)!;
                var running = RunningTransaction(set.ConnectorId);
                var refusal = _profiles.Install(set.ConnectorId, await ToEdgeIdsAsync(set.CsChargingProfiles, cancellationToken).ConfigureAwait(false), running);
                if (refusal is null)
                {
                    await ApplyAsync(cancellationToken).ConfigureAwait(false);
                }

                return Answer(call, new StatusResponse(refusal is null ? "Accepted" : "Rejected"), options.StatusResponse);
            case "ClearChargingProfile":
                var clear = call.Payload.Deserialize(options.ClearChargingProfileRequest)!;
                var cleared = _profiles.Clear(clear.Id, clear.ConnectorId, clear.ChargingProfilePurpose, clear.StackLevel);
                if (cleared > 0)
                {
                    await ApplyAsync(cancellationToken).ConfigureAwait(false);
                }

                return Answer(call, new StatusResponse(cleared > 0 ? "Accepted" : "Unknown"), options.StatusResponse);
            default:
                var ask = call.Payload.Deserialize(options.GetCompositeScheduleRequest)!;
                return Answer(call, Composite(ask), options.GetCompositeScheduleResponse);
        }
    }

    /// <summary>The upstream's limit on a connector over [start, start + duration) as periods; null when it limits nothing.</summary>
    internal IReadOnlyList<(TimeSpan Offset, double LimitA)>? CapA(int connectorId, DateTimeOffset start, TimeSpan duration)
    {
        if (_profiles.Count == 0)
        {
            return null;
        }

        var schedule = _profiles.CompositeSchedule(connectorId, start, duration, RunningTransaction(connectorId), null, Unlimited);
        return [.. schedule.ChargingSchedulePeriod.Select(p => (TimeSpan.FromSeconds(p.StartPeriod), (double)p.Limit))];
    }

    private GetCompositeScheduleResponse Composite(GetCompositeScheduleRequest ask)
    {
        var now = _chargePoint.Context.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var duration = TimeSpan.FromSeconds(ask.Duration);
        var edgeA = _chargePoint.Limits.Get(ask.ConnectorId)?.SentA;
        var theirs = CapA(ask.ConnectorId, start, duration) ?? [(TimeSpan.Zero, Unlimited)];
        var periods = new List<ChargingSchedulePeriod>();
        foreach (var (offset, limitA) in theirs)
        {
            var lower = (decimal)Math.Round(Math.Min(limitA, edgeA ?? Unlimited), 1);
            if (periods.Count == 0 || periods[^1].Limit != lower)
            {
                periods.Add(new ChargingSchedulePeriod((int)offset.TotalSeconds, lower));
            }
        }

        // Neither the edge nor the upstream limits the connector: no schedule to report (OCPP 1.6 section 6.23).
        return periods is [{ Limit: >= (decimal)Unlimited }]
            ? new GetCompositeScheduleResponse("Rejected")
            : new GetCompositeScheduleResponse("Accepted", ask.ConnectorId, start, new ChargingSchedule(ChargingRateUnitType.A, periods, ask.Duration, start));
    }

    /// <summary>Keeps the profiles now in force (before the upstream hears Accepted), then sends the charger its combined limits.</summary>
    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var kept = _profiles.Installed().Select(p => JsonSerializer.Serialize(new SetChargingProfileRequest(p.ConnectorId, p.Profile), OcppJsonContext.Default.SetChargingProfileRequest)).ToList();
        await _store.SaveAsync(_chargePoint.Id, kept, cancellationToken).ConfigureAwait(false);
        await _chargePoint.Limits.ResendAllAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChargingProfile> ToEdgeIdsAsync(ChargingProfile profile, CancellationToken cancellationToken)
    {
        if (profile.TransactionId is not { } theirs || _chargePoint.Context.Relay is not OcppUpstreamRelay relay)
        {
            return profile;
        }

        var edge = await relay.Outbox.EdgeTransactionIdAsync(_chargePoint.Id, theirs.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return profile with { TransactionId = int.TryParse(edge, CultureInfo.InvariantCulture, out var id) ? id : theirs };
    }

    private int? RunningTransaction(int connectorId) =>
        int.TryParse(_chargePoint.GetConnector(connectorId).TransactionId, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static OcppCallResult Answer<T>(OcppCall call, T response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(call.MessageId, JsonSerializer.SerializeToElement(response, type));
}
