using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// "Why is it limited?" for one connector of an OCPP charger (docs/api.md, "Charger schedule"): the limit
/// the edge keeps on it (what the control loop asked, what was sent, the charger's answer, until when it
/// holds) beside the composite schedule the charger itself says is in force (GetCompositeSchedule, 1.6 and 2.0.1), and
/// for a 2.0.1 station the profiles it holds there (GetChargingProfiles) and the limits set on it from outside (NotifyChargingLimit);
/// the operator's limit when the charger is relayed (docs/upstream.md), and what of all these holds it now (<see cref="LimitExplanation"/>).
/// </summary>
public static class ChargerScheduleApi
{
    public const int MaxDurationS = 86_400;

    public static RouteGroupBuilder MapChargerSchedule(this RouteGroupBuilder chargers)
    {
        chargers.MapGet("/{id}/schedule", GetAsync).WithSummary("The edge's limit on a connector and the composite schedule the OCPP charger says is in force (?connectorId=1&durationS=3600)");
        return chargers;
    }

    internal static async Task<Results<Ok<ChargerScheduleView>, ProblemHttpResult>> GetAsync(
        string id, int? connectorId, int? durationS, ChargerOperations operations, OcppServer server, CancellationToken cancellationToken, ControlLoop? loop = null)
    {
        if (connectorId is not ({ } connector and >= 0))
        {
            return WebProblems.BadRequest("'connectorId' is required: 0 (the whole charger) or one of its connectors");
        }

        var duration = durationS ?? 3600;
        if (duration is < 1 or > MaxDurationS)
        {
            return WebProblems.BadRequest($"'durationS' must be from 1 to {MaxDurationS}");
        }

        var (control, problem) = ChargersApi.OcppChargePointOf(id, "schedule", operations, server);
        if (problem is not null)
        {
            return problem;
        }

        var chargePoint = server.GetChargePoint(id);
        if (connector > chargePoint.Settings.Connectors)
        {
            return WebProblems.BadRequest($"'connectorId' must be from 0 to {chargePoint.Settings.Connectors} (the connectors of '{id}')");
        }

        return TypedResults.Ok(await ReadAsync(chargePoint, control!, connector, TimeSpan.FromSeconds(duration), server, loop?.Latest, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The view of a connected charger's connector, asked now: its composite schedule and (2.0.1) profiles, beside what the edge and others hold it to.</summary>
    internal static async Task<ChargerScheduleView> ReadAsync(
        OcppChargePoint chargePoint, IChargePointControl control, int connector, TimeSpan duration, OcppServer server, SiteStatus? status, CancellationToken cancellationToken)
    {
        var kept = chargePoint.Limits.Get(connector);
        var edge = kept is null ? null : new EdgeLimitView(kept.RequestedA, kept.SentA, kept.Outcome?.ToString(), kept.Detail, kept.ValidTo, kept.InForceA);
        var external = control.ExternalLimits(connector);
        ChargerSchedule? schedule = null;
        string answer;
        try
        {
            schedule = await control.ReadScheduleAsync(connector, duration, cancellationToken).ConfigureAwait(false);
            answer = schedule is null ? "Rejected" : "Accepted";
        }
        catch (OcppRpcException ex)
        {
            answer = ex.Message;
        }

        var profiles = await ProfilesAsync(control, connector, cancellationToken).ConfigureAwait(false);
        var now = server.Context.Time.GetUtcNow();
        IReadOnlyList<OperatorLimitPeriod>? upstream = server.Context.Relay?.UpstreamCapA(chargePoint.Id, connector, now, duration) is { } cap
            ? [.. cap.Select(p => new OperatorLimitPeriod((int)p.Offset.TotalSeconds, p.LimitA))]
            : null;
        var why = LimitExplanation.Of(LimitFactsReader.Read(chargePoint, connector, status, schedule, profiles, external, upstream, now));
        return new ChargerScheduleView(chargePoint.Id, connector, edge, schedule, answer, profiles, external) { OperatorLimit = upstream, Why = why };
    }

    // The profiles are an aid to the schedule: a station that does not answer leaves them out (null), not the view.
    private static async Task<IReadOnlyList<ChargerProfile>?> ProfilesAsync(IChargePointControl control, int connector, CancellationToken cancellationToken)
    {
        try
        {
            return await control.ReadProfilesAsync(connector, cancellationToken).ConfigureAwait(false);
        }
        catch (OcppRpcException)
        {
            return null;
        }
    }
}

/// <summary>
/// The edge's limit on a connector and the charger's composite schedule (null when it did not give one; <paramref name="ChargerAnswer"/> says why);
/// the profiles the charger holds on it (2.0.1; null for 1.6 or when it did not say) and the limits set on it from outside (2.0.1 NotifyChargingLimit).
/// </summary>
public sealed record ChargerScheduleView(
    string ChargerId,
    int ConnectorId,
    EdgeLimitView? EdgeLimit,
    ChargerSchedule? Charger,
    string ChargerAnswer,
    IReadOnlyList<ChargerProfile>? Profiles = null,
    IReadOnlyList<ChargerExternalLimit>? ExternalLimits = null)
{
    /// <summary>The operator's limit on the connector over the duration (an upstream central system's profile, docs/upstream.md); null when it set none or the charger is not relayed.</summary>
    public IReadOnlyList<OperatorLimitPeriod>? OperatorLimit { get; init; }

    /// <summary>What holds the connector now, in one sentence (docs/web.md, "Why is it limited?").</summary>
    public LimitWhy? Why { get; init; }
}

/// <summary>The limit the edge keeps on a connector: asked by the control loop, sent (rounded down to 0.1 A), the charger's answer, validTo, and what is in force as far as the edge knows.</summary>
public sealed record EdgeLimitView(double RequestedA, double? SentA, string? Outcome, string? Detail, DateTimeOffset? ValidTo, double? InForceA);
