using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>Each built-in meter template, read from a simulated device that holds known values.</summary>
public sealed class BuiltInMeterTemplateTest
{
    private static readonly MeterReading Known = new(
        DateTimeOffset.UnixEpoch,
        new PhaseValues(12.5, 7.25, 3),
        new PhaseValues(230.1, 229.5, 231),
        new PhaseValues(2875, 1660, 690),
        5225,
        1_234_560);

    public static TheoryData<string> MeterTemplates() =>
        [.. BuiltInTemplates.Catalog.Templates.Where(t => t.Kind == DeviceKind.Meter).Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(MeterTemplates))]
    public async Task The_driver_decodes_what_the_simulated_device_holds(string templateId)
    {
        var template = BuiltInTemplates.Catalog.Get(templateId);
        var device = new SimulatedModbusMeter(template);
        device.Update(Known);
        await using var site = SimulatedSite.Start((7, device));
        await using var meter = new ModbusMeter("grid", template, site.Client, 7, site.Time, NullLogger.Instance);

        var reading = await meter.ReadAsync(CancellationToken.None);

        Assert.Equal(site.Time.GetUtcNow(), reading.Timestamp);
        AssertPhases(template, RegisterMeanings.Currents, Known.CurrentA, reading.CurrentA);
        if (template.Registers.ContainsKey(RegisterMeanings.VoltageL1))
        {
            AssertPhases(template, RegisterMeanings.Voltages, Known.VoltageV, reading.VoltageV);
        }

        if (template.Registers.ContainsKey(RegisterMeanings.PowerL1))
        {
            AssertPhases(template, RegisterMeanings.Powers, Known.PowerW, reading.PowerW);
        }

        if (template.Registers.ContainsKey(RegisterMeanings.TotalPower))
        {
            AssertClose(Known.TotalPowerW, reading.TotalPowerW);
        }

        if (template.Registers.ContainsKey(RegisterMeanings.ImportEnergy))
        {
            AssertClose(Known.ImportEnergyWh, reading.ImportEnergyWh);
        }

        Assert.Equal(DeviceConnection.Connected, meter.Health.Connection);
    }

    /// <summary>Phases the model has carry the known value; phases it lacks (single and split phase) read 0.</summary>
    private static void AssertPhases(DeviceTemplate template, IReadOnlyList<string> names, PhaseValues expected, PhaseValues actual)
    {
        for (var i = 0; i < 3; i++)
        {
            AssertClose(template.Registers.ContainsKey(names[i]) ? expected[i] : 0, actual[i]);
        }
    }

    /// <summary>Within the coarsest resolution of the built-in maps (0.1 A, 0.1 V, 10 W, 1 kWh).</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.InRange(actual, expected - Math.Max(0.051, Math.Abs(expected) * 0.002), expected + Math.Max(0.051, Math.Abs(expected) * 0.002));
}
