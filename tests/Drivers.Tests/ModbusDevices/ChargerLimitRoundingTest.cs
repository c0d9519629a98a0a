using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>A Modbus charger's limit is written rounded down to its register's resolution, never up, and every call writes.</summary>
public sealed class ChargerLimitRoundingTest
{
    public static TheoryData<string, double, double> Cases() => new()
    {
        { "vestel-evc04", 16.99, 16 },            // whole amperes: 17 would be more than asked
        { "phoenix-ev-charge-control", 13.37, 13.3 }, // tenths of an ampere
        { "generic-charger", 13.3, 13.3 },         // exactly 133 tenths, not 132 (binary 13.3 / 0.1 = 132.99…)
        { "abb-terra-ac", 13.3707, 13.37 },        // milliamperes
        { "heidelberg-energy-control", 6.09, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_limit_written_is_the_largest_the_register_holds_at_or_below_the_one_asked(string templateId, double askedA, double writtenA)
    {
        var template = BuiltInTemplates.Catalog.Get(templateId);
        var outlet = new TestOutlet { State = ConnectorState.Charging };
        using var device = new SimulatedModbusCharger(template, outlet, TimeProvider.System);
        var recorder = new RecordingUnit(device);
        await using var site = SimulatedSite.Start((3, recorder));
        await using var charger = new ModbusCharger("wb-1", template, site.Client, 3, site.Time, NullLogger.Instance);

        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, askedA, CancellationToken.None)).Outcome);

        Assert.Equal(writtenA, outlet.OfferedA, 6);
        Assert.Equal(writtenA, Assert.Single((await charger.ReadStatusAsync(CancellationToken.None)).Connectors).LimitA!.Value, 6);
    }

    [Fact]
    public async Task A_float_register_gets_a_value_at_or_below_the_limit_and_a_small_decrease_is_written_too()
    {
        var template = BuiltInTemplates.Catalog.Get("alfen-ng9xx");
        var outlet = new TestOutlet { State = ConnectorState.Charging };
        using var device = new SimulatedModbusCharger(template, outlet, TimeProvider.System);
        var recorder = new RecordingUnit(device);
        await using var site = SimulatedSite.Start((3, recorder));
        await using var charger = new ModbusCharger("wb-1", template, site.Client, 3, site.Time, NullLogger.Instance);

        await charger.SetCurrentLimitAsync(1, 13.3, CancellationToken.None);
        Assert.True(outlet.OfferedA <= 13.3, $"{outlet.OfferedA} A is above 13.3 A");
        var writes = recorder.Writes.Count;
        await charger.SetCurrentLimitAsync(1, 13.2, CancellationToken.None);
        await charger.SetCurrentLimitAsync(1, 13.2, CancellationToken.None);
        Assert.Equal(writes + 2, recorder.Writes.Count);
        Assert.True(outlet.OfferedA is <= 13.2 and > 13.19);
    }
}
