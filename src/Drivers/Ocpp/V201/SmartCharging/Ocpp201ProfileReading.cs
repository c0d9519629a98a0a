using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.SmartCharging;

/// <summary>A station's profiles and schedules (ReportChargingProfiles, NotifyChargingLimit) in the neutral records the daemon shows.</summary>
public static class Ocpp201ProfileReading
{
    public static ChargerProfileSchedule Schedule(ChargingSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ChargerProfileSchedule(schedule.ChargingRateUnit, schedule.StartSchedule, schedule.Duration,
            [.. schedule.ChargingSchedulePeriod.Select(p => new ChargerSchedulePeriod(p.StartPeriod, (double)p.Limit, p.NumberPhases))]);
    }

    public static ChargerProfile Profile(int evseId, string source, ChargingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ChargerProfile(evseId, profile.Id, profile.StackLevel, profile.ChargingProfilePurpose, profile.ChargingProfileKind, source,
            profile.ValidFrom, profile.ValidTo, profile.TransactionId, [.. profile.ChargingSchedule.Select(Schedule)]);
    }

    /// <summary>"10 A" (the first period of the first schedule), for an event's words; "no schedule" when none came.</summary>
    public static string FirstLimit(IReadOnlyList<ChargerProfileSchedule> schedules) =>
        schedules is [{ Periods: [var first, ..] } schedule, ..]
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first.Limit} {schedule.Unit}")
            : "no schedule";
}
