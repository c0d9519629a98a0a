namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>
/// The lowest limit that the limits set on a charger from outside the edge (2.0.1 NotifyChargingLimit, K12) put on one
/// connector now, in A per phase (docs/ocpp.md, "Smart charging"). A schedule without a start runs from when it was
/// reported; its last period whose start has passed is in force until the schedule's duration ends. A limit reported
/// without a schedule says nothing of its size and is left out: the charger applies it itself, and the edge's own
/// limit, which it counts, is then only a ceiling.
/// </summary>
public static class ExternalLimitInForce
{
    // A limit in W is turned into A at the nominal voltage, as the driver's profile arithmetic does: the driver does not
    // know the site's voltage, and an error here only moves room between cars (the edge counts its own limit).
    private const double NominalVoltageV = 230;

    public static double? OnConnector(IEnumerable<ChargerExternalLimit> limits, DateTimeOffset now)
    {
        double? lowestA = null;
        foreach (var limit in limits)
        {
            foreach (var schedule in limit.Schedules)
            {
                if (PeriodAt(schedule, limit.ReportedAt, now) is not { } period)
                {
                    continue;
                }

                // A period over no phase (numberPhases 0 or less: the schema sets no minimum) is no current: passed over.
                var limitA = schedule.Unit == "W" ? period.Limit / (NominalVoltageV * (period.Phases ?? 3)) : period.Limit;
                if (period.Phases is <= 0 || !double.IsFinite(limitA))
                {
                    continue;
                }

                lowestA = Math.Min(lowestA ?? double.PositiveInfinity, Math.Max(0, limitA));
            }
        }

        return lowestA;
    }

    private static ChargerSchedulePeriod? PeriodAt(ChargerProfileSchedule schedule, DateTimeOffset reportedAt, DateTimeOffset now)
    {
        var start = schedule.Start ?? reportedAt;
        var elapsedS = (now - start).TotalSeconds;
        if (elapsedS < 0 || (schedule.DurationS is { } durationS && elapsedS >= durationS))
        {
            return null;
        }

        ChargerSchedulePeriod? inForce = null;
        foreach (var period in schedule.Periods)
        {
            if (period.StartS <= elapsedS && (inForce is null || period.StartS >= inForce.StartS))
            {
                inForce = period;
            }
        }

        return inForce;
    }
}
