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
