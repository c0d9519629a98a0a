using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>Each built-in charger template: read from a simulated device, and the exact bytes of a 10 A limit.</summary>
public sealed class BuiltInChargerTemplateTest
{
    /// <summary>The PDU each model must receive for "10 A", worked out by hand from its register map.</summary>
    public static TheoryData<string, string> LimitWrites() => new()
    {
        // Alfen: FC16 to 1210 (04BA), 2 registers, float32 10.0 = 41200000.
        { "alfen-ng9xx", "10 04 BA 00 02 04 41 20 00 00" },
        // ABB: FC16 to 4100h, 2 registers, u32 10000 mA = 00002710.
        { "abb-terra-ac", "10 41 00 00 02 04 00 00 27 10" },
        // Phoenix: FC06 to 528 (0210h), 100 tenths of an ampere.
        { "phoenix-ev-charge-control", "06 02 10 00 64" },
        // Vestel: FC06 to 5004 (138Ch), whole amperes.
        { "vestel-evc04", "06 13 8C 00 0A" },
        // Heidelberg: FC06 to 261 (0105h), 100 tenths of an ampere.
        { "heidelberg-energy-control", "06 01 05 00 64" },
        // Generic: FC06 to 10, tenths of an ampere.
        { "generic-charger", "06 00 0A 00 64" },
    };

    [Fact]
    public void Every_built_in_charger_template_has_its_expected_limit_write()
    {
        var listed = LimitWrites().Select(row => (string)row[0]).Order();
        var builtIn = BuiltInTemplates.Catalog.Templates.Where(t => t.Kind == DeviceKind.Charger).Select(t => t.Id).Order();

        Assert.Equal(builtIn, listed);
    }

    [Theory]
    [MemberData(nameof(LimitWrites))]
    public async Task The_driver_reads_the_simulated_charger_and_writes_the_limit_bytes_of_the_model(string templateId, string expectedPdu)
    {
        var template = BuiltInTemplates.Catalog.Get(templateId);
        var outlet = new TestOutlet { State = ConnectorState.Charging, CurrentA = new PhaseValues(16, 15, 14), EnergyWh = 42_000 };
        using var device = new SimulatedModbusCharger(template, outlet, TimeProvider.System);
        var recorder = new RecordingUnit(device);
        await using var site = SimulatedSite.Start((3, recorder));
        await using var charger = new ModbusCharger("wb-1", template, site.Client, 3, site.Time, NullLogger.Instance);

        var status = await charger.ReadStatusAsync(CancellationToken.None);
        var writesBefore = recorder.Writes.Count;
        var result = await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);

        var connector = Assert.Single(status.Connectors);
        Assert.Equal(ConnectorState.Charging, connector.State);
        Assert.Equal(new PhaseValues(16, 15, 14), connector.CurrentA);
        if (template.Registers.ContainsKey(RegisterMeanings.Energy))
        {
            Assert.Equal(42_000, connector.EnergyWh, 1.0);
        }

        Assert.Equal(SetpointResult.Accepted, result);
        Assert.Equal(expectedPdu, Convert.ToHexString(recorder.Writes[^1]).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + " " + b));
        Assert.Equal(writesBefore + 1, recorder.Writes.Count);
        Assert.Equal(10, outlet.OfferedA);
    }
}
