using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>The loop's grid watch judges a frozen meter by the drivers' rule (FrozenMeterRule), with the site's meter timeout.</summary>
public sealed class MeterWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public void Fresh_readings_whose_values_stand_still_while_current_flows_make_the_meter_unknown_after_the_timeout()
    {
        var watch = new MeterWatch();
        for (var t = 0.0; t <= 3.0; t += 0.5)
        {
            watch.Record(Reading(t, 20, 230));
            Assert.Equal(t >= 3.0, watch.IsStale(T0.AddSeconds(t), Timeout));
        }
    }

    [Fact]
    public void Voltage_moving_with_steady_currents_is_a_live_meter_not_a_frozen_one()
    {
        var watch = new MeterWatch();
        for (var t = 0.0; t <= 10.0; t += 0.5)
        {
            watch.Record(Reading(t, 20, 230 + (t % 1.0)));
        }

        Assert.False(watch.IsStale(T0.AddSeconds(10), Timeout));
    }

    [Fact]
    public void A_meter_frozen_at_idle_is_unknown_only_when_chargers_behind_it_draw()
    {
        var watch = new MeterWatch();
        watch.Record(Reading(0, 0, 230));
        watch.Record(Reading(4, 0, 230));

        Assert.False(watch.IsStale(T0.AddSeconds(4), Timeout));
        Assert.True(watch.IsStale(T0.AddSeconds(4), Timeout, currentExpected: true));
    }

    [Fact]
    public void The_meter_turns_stale_when_its_last_reading_is_too_old_or_its_values_have_stood_still_too_long()
    {
        var watch = new MeterWatch();
        Assert.Null(watch.StaleAt(Timeout));

        // Live: the readings move, so only their age counts.
        watch.Record(Reading(0, 20, 230));
        watch.Record(Reading(0.5, 20.5, 230));
        Assert.Equal(T0.AddSeconds(3.5), watch.StaleAt(Timeout));

        // The values stand still from the reading at 0.5 s on: they may have stopped right after 0 s, the last that differed.
        watch.Record(Reading(1, 20.5, 230));
        watch.Record(Reading(2.5, 20.5, 230));
        Assert.Equal(T0.AddSeconds(3), watch.StaleAt(Timeout));
        Assert.False(watch.IsStale(T0.AddSeconds(2.9), Timeout));
        Assert.True(watch.IsStale(T0.AddSeconds(3), Timeout));

        // An idle meter may stand still: only the age counts.
        var idle = new MeterWatch();
        idle.Record(Reading(0, 0, 230));
        idle.Record(Reading(0.5, 0, 231));
        idle.Record(Reading(1, 0, 231));
        Assert.Equal(T0.AddSeconds(4), idle.StaleAt(Timeout));
    }

    private static MeterReading Reading(double atS, double currentA, double voltageV) =>
        new(T0.AddSeconds(atS), new PhaseValues(currentA, currentA, currentA), new PhaseValues(voltageV, voltageV, voltageV), new PhaseValues(currentA * voltageV, currentA * voltageV, currentA * voltageV), currentA * voltageV * 3, 1000 + atS);
}
