using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// Gathers the <see cref="LimitFacts"/> of one connector of an OCPP charger: the control loop's last cycle, the charger's composite
/// schedule and profiles, the limits set on it from outside, the operator's profile (docs/upstream.md) and the car's needs.
/// </summary>
internal static class LimitFactsReader
{
    // As the driver turns W into A (ExternalLimitInForce): the nominal voltage, over the period's phases (3 when not said).
    private const double NominalVoltageV = 230;

    public static LimitFacts Read(
        OcppChargePoint chargePoint, int connectorId, SiteStatus? status, ChargerSchedule? schedule, IReadOnlyList<ChargerProfile>? profiles,
        IReadOnlyList<ChargerExternalLimit> external, IReadOnlyList<OperatorLimitPeriod>? operatorLimit, DateTimeOffset now)
    {
        var loop = status?.Chargers.FirstOrDefault(c => c.Id == chargePoint.Id)?.Connectors.FirstOrDefault(c => c.Id == connectorId);
        var edgeProfile = chargePoint.Settings.ProfileIdBase + connectorId;
        var (externalA, externalSource) = external
            .Select(l => (A: ExternalLimitInForce.OnConnector([l], now), l.Source))
            .Where(l => l.A is not null)
            .OrderBy(l => l.A)
            .FirstOrDefault();
        return new LimitFacts(
            loop?.State,
            loop is { CurrentA.Length: > 0 } ? loop.CurrentA.Max() : null,
            loop?.LimitA ?? chargePoint.Limits.Get(connectorId)?.SentA,
            loop?.Reason,
            operatorLimit?.FirstOrDefault(p => p.StartS == 0)?.LimitA,
            externalA,
            externalSource,
            schedule is null ? null : InForce(schedule, now),
            profiles?.Where(p => p.Id != edgeProfile).OrderBy(p => p.Schedules.SelectMany(s => s.Periods).Select(x => x.Limit).DefaultIfEmpty(double.MaxValue).Min()).FirstOrDefault()?.Source,
            chargePoint.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId)?.Needs?.MaxCurrentA);
    }

    /// <summary>The limit of the schedule's period in force now (its first before it starts, its last after it ends), in A.</summary>
    internal static double? InForce(ChargerSchedule schedule, DateTimeOffset now)
    {
        var elapsedS = Math.Max(0, (now - schedule.Start).TotalSeconds);
        var period = schedule.Periods.Where(p => p.StartS <= elapsedS).MaxBy(p => p.StartS) ?? schedule.Periods.MinBy(p => p.StartS);
        return period is null ? null
            : schedule.Unit == "W" ? period.Limit / (NominalVoltageV * (period.Phases ?? 3))
            : period.Limit;
    }
}

/// <summary>One period of the operator's limit on a connector (docs/upstream.md, "Limits"): from <paramref name="StartS"/> seconds after now, at most <paramref name="LimitA"/>.</summary>
public sealed record OperatorLimitPeriod(int StartS, double LimitA);
