using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;
using Microsoft.Extensions.Logging;
using Ocpp201 = ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// The charging profiles the upstream set on one charger (docs/upstream.md, "Limits"): kept at the
/// edge, stacked as the charger would stack them (<see cref="OcppChargingProfileSet"/>, OCPP 1.6
/// section 3.13), never sent to the charger as they are. The edge's own profile carries the lower of
/// its limit and theirs at every moment; GetCompositeSchedule answers that combined schedule.
/// Kept in <see cref="IOcppUpstreamProfileStore"/>, so they stay in force across a restart of the edge.
/// A 2.0.1 upstream's profiles go on the same stack (<see cref="OcppUpstream201Profiles"/>), kept with its own
/// wording of them, which GetChargingProfiles reports back (<see cref="OcppUpstream201ProfileReports"/>).
/// </summary>
public sealed class OcppUpstreamLimits
{
    /// <summary>Stands for "no limit" in a composite schedule (no real connector carries it).</summary>
    private const double Unlimited = 100_000;

    private readonly OcppChargePoint _chargePoint;
    private readonly IOcppUpstreamProfileStore _store;
    // A stored profile's 2.0.1 wording, beside the request the stack reads (which ignores it).
    private const string AsSetProperty = "asSet";

    private readonly OcppChargingProfileSet _profiles = new();

    // A 2.0.1 upstream's profiles as it set them, by id: what it reads back (GetChargingProfiles) is its own, to the byte.
    private readonly ConcurrentDictionary<int, JsonElement> _asSet = new();

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
            using var document = JsonDocument.Parse(kept);
            if (document.RootElement.TryGetProperty(AsSetProperty, out var asSet))
            {
                _asSet[set.CsChargingProfiles.ChargingProfileId] = asSet.Clone();
            }
        }
    }

    /// <param name="link">Where the reports of a GetChargingProfiles go, after its answer.</param>
    internal async Task<OcppFrame> HandleAsync(OcppCall call, OcppAfterReply afterReply, OcppUpstreamLink link, CancellationToken cancellationToken)
    {
        var v16 = _chargePoint.Protocol?.Version == OcppVersion.V16;
        switch (call.Action)
        {
            case "SetChargingProfile":
                var (connectorId, profile, refusal) = v16 ? await From16Async(call, cancellationToken).ConfigureAwait(false) : From201(call);
                refusal ??= _profiles.Install(connectorId, profile!, RunningTransaction(connectorId));
                if (refusal is null)
                {
                    if (!v16)
                    {
                        _asSet[profile!.ChargingProfileId] = call.Payload.GetProperty("chargingProfile").Clone();
                    }

                    await ApplyAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    OcppLog.ChargePointInfo(_chargePoint.Context.LoggerFactory.CreateLogger<OcppUpstreamLimits>(), _chargePoint.Id, "upstream's SetChargingProfile rejected: " + refusal);
                }

                return Answer(call, new StatusResponse(refusal is null ? "Accepted" : "Rejected"), OcppJsonContext.Default.StatusResponse);
            case "ClearChargingProfile":
                var cleared = v16 ? Clear16(call) : Clear201(call);
                if (cleared > 0)
                {
                    await ApplyAsync(cancellationToken).ConfigureAwait(false);
                }

                return Answer(call, new StatusResponse(cleared > 0 ? "Accepted" : "Unknown"), OcppJsonContext.Default.StatusResponse);
            case "GetChargingProfiles":
                var reports = OcppUpstream201ProfileReports.For(call.Payload.Deserialize(Ocpp201.Ocpp201JsonContext.Default.GetChargingProfilesRequest)!, Reported());
                afterReply.Add(async ct =>
                {
                    foreach (var report in reports)
                    {
                        await link.CallLiveAsync("ReportChargingProfiles", report, ct).ConfigureAwait(false);
                    }
                });
                return Answer(call, new Ocpp201.GetChargingProfilesResponse(reports.Count > 0 ? "Accepted" : "NoProfiles"), Ocpp201.Ocpp201JsonContext.Default.GetChargingProfilesResponse);
            default:
                return v16 ? Composite16(call) : Composite201(call);
        }
    }

    /// <summary>The upstream's profiles in force, each as it set it (<see cref="OcppUpstream201ProfileReports"/>).</summary>
    private IEnumerable<OcppUpstream201ProfileReports.Kept> Reported() =>
        _profiles.Installed().Select(p => new OcppUpstream201ProfileReports.Kept(
            p.ConnectorId,
            p.Profile,
            _asSet.TryGetValue(p.Profile.ChargingProfileId, out var asSet) ? asSet : OcppUpstream201Profiles.FromStacked(p.Profile, _chargePoint.GetConnector(p.ConnectorId).TransactionId)));

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

    private async Task<(int ConnectorId, ChargingProfile? Profile, string? Refusal)> From16Async(OcppCall call, CancellationToken cancellationToken)
    {
        var set = call.Payload.Deserialize(OcppJsonContext.Default.SetChargingProfileRequest)!;
        return (set.ConnectorId, await ToEdgeIdsAsync(set.CsChargingProfiles, cancellationToken).ConfigureAwait(false), null);
    }

    // A 2.0.1 station's transaction ids are its own, the same upstream: nothing to map.
    private static (int ConnectorId, ChargingProfile? Profile, string? Refusal) From201(OcppCall call)
    {
        var set = call.Payload.Deserialize(Ocpp201.Ocpp201JsonContext.Default.SetChargingProfileRequest)!;
        var profile = OcppUpstream201Profiles.ToStacked(set.ChargingProfile, out var refusal);
        return (set.EvseId, profile, refusal);
    }

    private int Clear16(OcppCall call)
    {
        var clear = call.Payload.Deserialize(OcppJsonContext.Default.ClearChargingProfileRequest)!;
        return _profiles.Clear(clear.Id, clear.ConnectorId, clear.ChargingProfilePurpose, clear.StackLevel);
    }

    private int Clear201(OcppCall call)
    {
        var clear = call.Payload.Deserialize(Ocpp201.Ocpp201JsonContext.Default.ClearChargingProfileRequest)!;
        var criteria = clear.ChargingProfileCriteria;
        if (criteria?.ChargingProfilePurpose is { } named && OcppUpstream201Profiles.PurposeOf(named) is null)
        {
            return 0; // ChargingStationExternalConstraints: the upstream cannot have set one
        }

        return _profiles.Clear(clear.ChargingProfileId, criteria?.EvseId, criteria?.ChargingProfilePurpose is { } purpose ? OcppUpstream201Profiles.PurposeOf(purpose) : null, criteria?.StackLevel);
    }

    private OcppCallResult Composite16(OcppCall call)
    {
        var ask = call.Payload.Deserialize(OcppJsonContext.Default.GetCompositeScheduleRequest)!;
        return Combined(ask.ConnectorId, ask.Duration) is { } combined
            ? Answer(call, new GetCompositeScheduleResponse("Accepted", ask.ConnectorId, combined.Start, new ChargingSchedule(ChargingRateUnitType.A, combined.Periods, ask.Duration, combined.Start)), OcppJsonContext.Default.GetCompositeScheduleResponse)
            : Answer(call, new GetCompositeScheduleResponse("Rejected"), OcppJsonContext.Default.GetCompositeScheduleResponse);
    }

    private OcppCallResult Composite201(OcppCall call)
    {
        var ask = call.Payload.Deserialize(Ocpp201.Ocpp201JsonContext.Default.GetCompositeScheduleRequest)!;
        var periods = Combined(ask.EvseId, ask.Duration) is { } combined
            ? new Ocpp201.CompositeSchedule(ask.EvseId, ask.Duration, combined.Start, "A", [.. combined.Periods.Select(p => new Ocpp201.ChargingSchedulePeriod(p.StartPeriod, p.Limit))])
            : null;
        return Answer(call, new Ocpp201.GetCompositeScheduleResponse(periods is null ? "Rejected" : "Accepted", periods), Ocpp201.Ocpp201JsonContext.Default.GetCompositeScheduleResponse);
    }

    /// <summary>
    /// The lower of the edge's limit and the upstream's over the next <paramref name="durationS"/>, in A,
    /// from now (whole seconds); null when neither limits the connector (no schedule to report, OCPP 1.6 section 6.23, 2.0.1 K08).
    /// </summary>
    private (DateTimeOffset Start, List<ChargingSchedulePeriod> Periods)? Combined(int connectorId, int durationS)
    {
        var now = _chargePoint.Context.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var edgeA = _chargePoint.Limits.Get(connectorId)?.SentA;
        var theirs = CapA(connectorId, start, TimeSpan.FromSeconds(durationS)) ?? [(TimeSpan.Zero, Unlimited)];
        var periods = new List<ChargingSchedulePeriod>();
        foreach (var (offset, limitA) in theirs)
        {
            var lower = (decimal)Math.Round(Math.Min(limitA, edgeA ?? Unlimited), 1);
            if (periods.Count == 0 || periods[^1].Limit != lower)
            {
                periods.Add(new ChargingSchedulePeriod((int)offset.TotalSeconds, lower));
            }
        }

        return periods is [{ Limit: >= (decimal)Unlimited }] ? null : (start, periods);
    }

    /// <summary>Keeps the profiles now in force (before the upstream hears Accepted), then sends the charger its combined limits.</summary>
    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var installed = _profiles.Installed();
        foreach (var gone in _asSet.Keys.Where(id => !installed.Any(p => p.Profile.ChargingProfileId == id)))
        {
            _asSet.TryRemove(gone, out _);
        }

        var kept = installed.Select(p => Kept(p.ConnectorId, p.Profile)).ToList();
        await _store.SaveAsync(_chargePoint.Id, kept, cancellationToken).ConfigureAwait(false);
        await _chargePoint.Limits.ResendAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A profile as the store keeps it: the request that installs it again, with a 2.0.1 upstream's own wording of it.</summary>
    private string Kept(int connectorId, ChargingProfile profile)
    {
        var request = JsonSerializer.SerializeToNode(new SetChargingProfileRequest(connectorId, profile), OcppJsonContext.Default.SetChargingProfileRequest)!.AsObject();
        if (_asSet.TryGetValue(profile.ChargingProfileId, out var asSet))
        {
            request[AsSetProperty] = JsonNode.Parse(asSet.GetRawText());
        }

        return request.ToJsonString();
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

    private int? RunningTransaction(int connectorId) => OcppUpstream201Profiles.TransactionKey(_chargePoint.GetConnector(connectorId).TransactionId);

    private static OcppCallResult Answer<T>(OcppCall call, T response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(call.MessageId, JsonSerializer.SerializeToElement(response, type));
}
