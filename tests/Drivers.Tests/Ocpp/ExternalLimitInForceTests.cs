using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.Drivers.Tests.Ocpp;

public sealed class ExternalLimitInForceTests
{
    private static readonly DateTimeOffset Reported = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static ChargerExternalLimit Limit(string unit, DateTimeOffset? start, int? durationS, params ChargerSchedulePeriod[] periods) =>
        new(1, "EMS", false, [new ChargerProfileSchedule(unit, start, durationS, periods)], Reported);

    [Fact]
    public void The_period_in_force_now_of_each_limit_counts_and_the_lowest_wins()
    {
        // 16 A from the report, 8 A from 10 minutes on; another limit of 11 kW on three phases (15.9 A).
        var stepped = Limit("A", null, null, new ChargerSchedulePeriod(0, 16), new ChargerSchedulePeriod(600, 8));
        var power = Limit("W", Reported, 3_600, new ChargerSchedulePeriod(0, 11_000, 3));

        Assert.Equal(11_000 / 690.0, ExternalLimitInForce.OnConnector([stepped, power], Reported.AddMinutes(5))!.Value, 6);
        Assert.Equal(8, ExternalLimitInForce.OnConnector([stepped, power], Reported.AddMinutes(15)));

        // After its hour the power limit has ended; before its start a schedule is not in force.
        Assert.Equal(8, ExternalLimitInForce.OnConnector([stepped, power], Reported.AddHours(2)));
        Assert.Null(ExternalLimitInForce.OnConnector([Limit("A", Reported.AddHours(1), null, new ChargerSchedulePeriod(0, 6))], Reported));
    }

    [Fact]
    public void A_period_in_watts_over_no_phase_is_no_current_and_the_others_still_count()
    {
        // numberPhases 0 (the 2.0.1 schema sets no minimum): 0 W / 0 would be NaN, 7 kW / 0 infinite, and a NaN maximum fails
        // every cycle of the control loop (issue 13 property 7).
        var none = Limit("W", null, null, new ChargerSchedulePeriod(0, 0, 0));
        var infinite = Limit("W", null, null, new ChargerSchedulePeriod(0, 7_000, 0));
        var negative = Limit("W", null, null, new ChargerSchedulePeriod(0, 7_000, -1));
        Assert.Null(ExternalLimitInForce.OnConnector([none, infinite, negative], Reported));
        Assert.Equal(10, ExternalLimitInForce.OnConnector([none, Limit("A", null, null, new ChargerSchedulePeriod(0, 10))], Reported));
    }

    [Fact]
    public void A_limit_without_a_schedule_says_nothing_of_its_size()
    {
        var unsized = new ChargerExternalLimit(0, "SO", true, [], Reported);
        Assert.Null(ExternalLimitInForce.OnConnector([unsized], Reported));
        Assert.Null(ExternalLimitInForce.OnConnector([], Reported));
    }
}
