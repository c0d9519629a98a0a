using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.SmartCharging;

/// <summary>
/// When one charging profile is in force and at what limit (OCPP 1.6, sections 3.13 and 7.7–7.9):
/// inside validFrom/validTo, after its schedule's start (Absolute: startSchedule; Relative: the
/// transaction's start; Recurring: startSchedule repeated daily or weekly) and before its duration
/// ends; the period is the last one whose startPeriod has passed.
/// </summary>
public static class OcppScheduleMath
{
    /// <summary>The limit of <paramref name="profile"/> at <paramref name="at"/> in amperes per phase, or null when it is not in force then.</summary>
    public static double? LimitAtA(ChargingProfile profile, DateTimeOffset at, DateTimeOffset? transactionStart, double voltageV)
    {
        if (profile.ValidFrom is { } from && at < from || profile.ValidTo is { } to && at >= to)
        {
            return null;
        }

        if (ScheduleStart(profile, at, transactionStart) is not { } start)
        {
            return null;
        }

        var schedule = profile.ChargingSchedule;
        var offsetS = (at - start).TotalSeconds;
        if (offsetS < 0 || schedule.Duration is { } duration && offsetS >= duration)
        {
            return null;
        }

        ChargingSchedulePeriod? period = null;
        foreach (var candidate in schedule.ChargingSchedulePeriod.OrderBy(p => p.StartPeriod))
        {
            if (candidate.StartPeriod <= offsetS)
            {
                period = candidate;
            }
        }

        return period is null ? null : ToAmperes(period, schedule.ChargingRateUnit, voltageV);
    }

    /// <summary>A period's limit in amperes per phase: <c>A</c> is per phase already, <c>W</c> is total power over the phases in use.</summary>
    public static double ToAmperes(ChargingSchedulePeriod period, ChargingRateUnitType unit, double voltageV) =>
        unit == ChargingRateUnitType.A ? (double)period.Limit : (double)period.Limit / (voltageV * (period.NumberPhases ?? 3));

    /// <summary>The times at which <paramref name="profile"/> may change its limit inside [from, to).</summary>
    public static IEnumerable<DateTimeOffset> Boundaries(ChargingProfile profile, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? transactionStart)
    {
        if (profile.ValidFrom is { } validFrom)
        {
            yield return validFrom;
        }

        if (profile.ValidTo is { } validTo)
        {
            yield return validTo;
        }

        var repeat = RecurrencePeriod(profile);
        for (var at = from; at < to;)
        {
            if (ScheduleStart(profile, at, transactionStart) is not { } start)
            {
                yield break;
            }

            foreach (var period in profile.ChargingSchedule.ChargingSchedulePeriod)
            {
                yield return start.AddSeconds(period.StartPeriod);
            }

            if (profile.ChargingSchedule.Duration is { } duration)
            {
                yield return start.AddSeconds(duration);
            }

            if (repeat is not { } step)
            {
                yield break;
            }

            at = start + step;
            yield return at;
        }
    }

    private static DateTimeOffset? ScheduleStart(ChargingProfile profile, DateTimeOffset at, DateTimeOffset? transactionStart)
    {
        switch (profile.ChargingProfileKind)
        {
            case ChargingProfileKindType.Relative:
                return transactionStart ?? at;
            case ChargingProfileKindType.Recurring when RecurrencePeriod(profile) is { } period && profile.ChargingSchedule.StartSchedule is { } first:
                var cycles = Math.Floor((at - first) / period);
                return first + (period * cycles);
            default:
                return profile.ChargingSchedule.StartSchedule;
        }
    }

    private static TimeSpan? RecurrencePeriod(ChargingProfile profile) =>
        profile.ChargingProfileKind != ChargingProfileKindType.Recurring ? null
        : profile.RecurrencyKind == RecurrencyKindType.Weekly ? TimeSpan.FromDays(7)
        : TimeSpan.FromDays(1);
}
