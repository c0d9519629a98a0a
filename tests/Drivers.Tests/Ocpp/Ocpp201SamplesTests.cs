using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The energy a 2.0.1 TransactionEvent gives its session: value × 10^multiplier, only where a meter can give it.</summary>
public sealed class Ocpp201SamplesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_register_scaled_beyond_what_a_meter_can_give_is_no_value()
    {
        // The session's start and stop are cast to whole Wh: 4.2e300 or infinity must never get there.
        Assert.Equal(15_000, Ocpp201Samples.EnergyWh([Reading(T0, 1.5, "kWh", 1)]));
        Assert.Null(Ocpp201Samples.EnergyWh([Reading(T0, 4.2, "kWh", 300)]));
        Assert.Null(Ocpp201Samples.EnergyWh([Reading(T0, 1, "Wh", int.MaxValue)]));
        Assert.Null(Ocpp201Samples.EnergyWh([Reading(T0, -5, "Wh", 0)]));
        // A later impossible reading leaves the last possible one.
        Assert.Equal(2_000, Ocpp201Samples.EnergyWh([Reading(T0, 2, "kWh", 0), Reading(T0.AddMinutes(1), 7, "kWh", 40)]));
    }

    private static MeterValue Reading(DateTimeOffset at, double value, string unit, int multiplier) =>
        new(at, [new SampledValue(value, Measurand: "Energy.Active.Import.Register", UnitOfMeasure: new UnitOfMeasure(unit, multiplier))]);
}
