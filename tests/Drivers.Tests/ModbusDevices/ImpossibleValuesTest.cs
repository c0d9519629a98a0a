using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>
/// Golden register words as a device puts them in its response: one value that cannot be makes the
/// device's reading unknown (a DeviceException naming the register and the value), never a number.
/// </summary>
public sealed class ImpossibleValuesTest
{
    /// <summary>Eastron SDM630 input registers (float32, high word first): what a broken meter or gateway serves.</summary>
    public static TheoryData<string, int, ushort, ushort, string> MeterWords() => new()
    {
        { "currentL1", 6, 0x7FC0, 0x0000, "NaN" },            // quiet NaN, the classic "no value" of a gateway
        { "currentL2", 8, 0x7F80, 0x0000, "Infinity" },       // +infinity
        { "currentL3", 10, 0xC5DA, 0xC000, "-7000" },         // -7,000 A: beyond any LV main breaker
        { "voltageL1", 0, 0x459C, 0x4000, "5000" },           // 5,000 V on a low-voltage meter
        { "importEnergy", 72, 0x5368, 0xD4A5, "1E+15" },      // 10¹² kWh = 10¹⁵ Wh
        { "powerL1", 12, 0xFF80, 0x0000, "-Infinity" },     // -infinity
    };

    [Theory]
    [MemberData(nameof(MeterWords))]
    public async Task A_meter_register_that_cannot_be_makes_the_reading_unknown_and_names_register_and_value(string register, int address, ushort high, ushort low, string shown)
    {
        var template = BuiltInTemplates.Catalog.Get("eastron-sdm630");
        var device = new SimulatedModbusMeter(template);
        device.Update(new MeterReading(DateTimeOffset.UnixEpoch, new PhaseValues(10, 11, 12), new PhaseValues(230, 231, 232), new PhaseValues(2300, 2541, 2784), 7625, 1_000_000));
        await using var site = SimulatedSite.Start((1, device));
        await using var meter = new ModbusMeter("grid", template, site.Client, 1, site.Time, NullLogger.Instance);
        Assert.Equal(10, (await meter.ReadAsync(CancellationToken.None)).CurrentA.L1, 3);

        var good = device.Map.Get(RegisterFunction.Input, address, 2);
        device.Map.Set(RegisterFunction.Input, address, [high, low]);
        var ex = await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));

        Assert.Contains($"register {register} (address {address}, Ieee32)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(shown, ex.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceConnection.Degraded, meter.Health.Connection);

        device.Map.Set(RegisterFunction.Input, address, good);
        site.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, (await meter.ReadAsync(CancellationToken.None)).CurrentA.L1, 3);
    }

    /// <summary>generic-charger holding registers: state 0, currents 1–3 (dA), energy 4–5 (Wh), limit in force 6 (dA).</summary>
    public static TheoryData<int, ushort[], string> ChargerWords() => new()
    {
        { 1, [0xFFFF], "register currentL1 (address 1, U16) = 6553.5" }, // -1 read as unsigned: 6,553.5 A
        { 6, [20000], "register limitInForce (address 6, U16) = 2000" },  // a 2,000 A limit
    };

    [Theory]
    [MemberData(nameof(ChargerWords))]
    public async Task A_charger_register_that_cannot_be_makes_its_status_unknown(int address, ushort[] words, string named)
    {
        var (map, site, charger) = StartGenericCharger();
        await using (site)
        await using (charger)
        {
            Assert.Equal(16, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().CurrentA.L1, 3);

            map.Set(RegisterFunction.Holding, address, words);
            var ex = await Assert.ThrowsAsync<DeviceException>(() => charger.ReadStatusAsync(CancellationToken.None));
            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
            Assert.Equal(DeviceConnection.Degraded, charger.Health.Connection);
        }
    }

    [Fact]
    public async Task A_raw_state_the_template_does_not_map_reads_as_unavailable_never_as_available()
    {
        var (map, site, charger) = StartGenericCharger();
        await using (site)
        await using (charger)
        {
            map.Set(RegisterFunction.Holding, 0, [9]);
            var connector = (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single();
            Assert.Equal(ConnectorState.Unavailable, connector.State);
            Assert.Equal(new PhaseValues(16, 15, 14), connector.CurrentA);
        }
    }

    [Fact]
    public void A_template_that_maps_unknown_states_to_anything_but_unavailable_is_refused()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "device-templates", "generic-charger.json"))
            .Replace("\"defaultFailsafeCurrentA\"", "\"unknownState\": \"available\", \"defaultFailsafeCurrentA\"", StringComparison.Ordinal);
        var ex = Assert.Throws<DeviceTemplateException>(() => DeviceTemplateLoader.Parse(json, "generic-charger.json"));
        Assert.Contains("$.charger.unknownState", ex.Message, StringComparison.Ordinal);
    }

    private static (SimulatedRegisterMap Map, SimulatedSite Site, ModbusCharger Charger) StartGenericCharger()
    {
        var template = BuiltInTemplates.Catalog.Get("generic-charger");
        var map = new SimulatedRegisterMap();
        map.Define(RegisterFunction.Holding, 0, 14);
        map.Set(RegisterFunction.Holding, 0, [2, 160, 150, 140, 0, 1000, 160]);
        var site = SimulatedSite.Start((1, map));
        var charger = new ModbusCharger("wb-1", template, site.Client, 1, site.Time, NullLogger.Instance);
        return (map, site, charger);
    }
}
