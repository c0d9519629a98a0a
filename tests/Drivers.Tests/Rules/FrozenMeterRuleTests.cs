using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Tests.Rules;

/// <summary>The one frozen-meter rule the Modbus meter driver and the control loop's grid watch share.</summary>
public sealed class FrozenMeterRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(3);

    [Fact]
    public void Identical_values_while_current_flows_are_frozen_from_the_first_of_them_once_frozenAfter_has_passed()
    {
        var rule = Feed(Reading(0, 20), Reading(1, 20), Reading(2, 20), Reading(2.9, 20));
        Assert.Null(rule.FrozenSince(T0.AddSeconds(2.9), After));

        rule = rule.Observe(Reading(3, 20));
        Assert.Equal(T0, rule.FrozenSince(T0.AddSeconds(3), After));
    }

    [Fact]
    public void A_meter_that_stops_is_frozen_from_its_last_reading_that_still_moved_not_from_the_first_standing_one()
    {
        // The values moved between 0 and 0.5 s and stood still from then: they may have stopped just after 0 s.
        var rule = Feed(Reading(0, 20), Reading(0.5, 20.1), Reading(1, 20.1), Reading(2, 20.1), Reading(3, 20.1));
        Assert.Equal(T0, rule.FrozenSince(T0.AddSeconds(3), After));

        // A value that moves again is life, however long no reading follows (that meter is silent, not frozen)…
        rule = rule.Observe(Reading(3.5, 20.2));
        Assert.Null(rule.FrozenSince(T0.AddSeconds(60), After));

        // …and when it stands still again, that counts from the reading before the move.
        rule = rule.Observe(Reading(4, 20.2));
        Assert.Null(rule.FrozenSince(T0.AddSeconds(5.9), After));
        Assert.Equal(T0.AddSeconds(3), rule.FrozenSince(T0.AddSeconds(6), After));

        // A meter back after a gap (it was away) counts from its first reading after it, not from before the gap.
        rule = rule.Observe(Reading(30, 20.3)).Observe(Reading(30.5, 20.3));
        Assert.Null(rule.FrozenSince(T0.AddSeconds(32.9), After));
        Assert.Equal(T0.AddSeconds(30), rule.FrozenSince(T0.AddSeconds(33), After));
    }

    [Fact]
    public void A_change_in_any_instantaneous_value_is_life_but_a_moving_energy_counter_alone_is_not()
    {
        var voltageMoves = Feed(Reading(0, 20), Reading(2, 20) with { VoltageV = new PhaseValues(230, 230, 230.1) }, Reading(4, 20));
        Assert.Null(voltageMoves.FrozenSince(T0.AddSeconds(4), After));

        var onlyEnergyMoves = Feed(Reading(0, 20), Reading(2, 20) with { ImportEnergyWh = 1001 }, Reading(4, 20) with { ImportEnergyWh = 1002 });
        Assert.Equal(T0, onlyEnergyMoves.FrozenSince(T0.AddSeconds(4), After));
    }

    [Fact]
    public void An_idle_meter_may_repeat_itself_unless_current_is_known_to_flow_and_export_counts_as_flowing()
    {
        var idle = Feed(Reading(0, 0.1), Reading(5, 0.1));
        Assert.Null(idle.FrozenSince(T0.AddSeconds(5), After));
        Assert.Equal(T0, idle.FrozenSince(T0.AddSeconds(5), After, currentExpected: true));

        var exporting = Feed(Reading(0, -12), Reading(5, -12));
        Assert.Equal(T0, exporting.FrozenSince(T0.AddSeconds(5), After));
    }

    private static FrozenMeterRule Feed(params MeterReading[] readings) =>
        readings.Aggregate(FrozenMeterRule.Start, (rule, reading) => rule.Observe(reading));

    private static MeterReading Reading(double atS, double currentA) =>
        new(T0.AddSeconds(atS), new PhaseValues(currentA, currentA, currentA), new PhaseValues(230, 230, 230), new PhaseValues(currentA * 230, currentA * 230, currentA * 230), currentA * 690, 1000);
}
