using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The time a limit profile covers, and what of it is in force when it is sent.</summary>
public sealed class OcppLimitWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, 700, TimeSpan.Zero);

    [Fact]
    public void A_profile_starts_a_minute_before_now_and_is_valid_until_now_plus_the_validity()
    {
        // A charger whose clock runs up to a minute behind the edge's has it in force at once; its validity is not shortened.
        var request = OcppLimitProfileBuilder.Build(new OcppChargerSettings(), 1, 13.3, null, Now);
        var second = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(second.AddMinutes(-1), request.CsChargingProfiles.ChargingSchedule.StartSchedule);
        Assert.Equal(second.AddMinutes(10), request.CsChargingProfiles.ValidTo);
        Assert.Equal([(0, 13.3m)], request.CsChargingProfiles.ChargingSchedule.ChargingSchedulePeriod.Select(p => (p.StartPeriod, p.Limit)));
    }

    [Fact]
    public void Under_another_partys_cap_the_limit_in_force_now_is_the_period_now_and_the_schedule_is_marked_capped()
    {
        // An upstream cap of 0 A for 90 s from now, then none: the charger holds 0 A now (and over the minute before, for a clock
        // that runs behind) and 16 A from 90 s on, 150 s after the schedule's start.
        var request = OcppLimitProfileBuilder.Build(new OcppChargerSettings(), 1, 16, null, Now,
            window => [(TimeSpan.Zero, 0), (TimeSpan.FromSeconds(90), double.PositiveInfinity)]);
        var schedule = request.CsChargingProfiles.ChargingSchedule;
        var periods = schedule.ChargingSchedulePeriod.Select(p => (p.StartPeriod, p.Limit)).ToList();
        Assert.Equal([(0, 0m), (150, 16m)], periods);
        Assert.Equal((0.0, true), OcppCappedLimit.InForce(periods, 16, Now - schedule.StartSchedule!.Value));
        Assert.Equal((16.0, true), OcppCappedLimit.InForce(periods, 16, TimeSpan.FromSeconds(155)));

        // A cap that began within the minute before now: the period of a minute ago is not what is in force.
        Assert.Equal((6.0, true), OcppCappedLimit.InForce([(0, 16m), (30, 6m)], 16, TimeSpan.FromSeconds(60.7)));

        // Uncapped, one period at the ask: answered from the record while in force.
        Assert.Equal((12.5, false), OcppCappedLimit.InForce([(0, 12.5m)], 12.54, TimeSpan.FromSeconds(60)));
    }
}
