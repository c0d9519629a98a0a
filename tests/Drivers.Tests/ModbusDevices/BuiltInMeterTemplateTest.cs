using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Modbus;
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

    [Theory]
    [InlineData("currentL2", (ushort)0x8000)]
    [InlineData("currentScale", (ushort)0x8000)]
    public async Task A_SunSpec_point_that_is_not_implemented_is_no_value_and_leaves_the_meter_without_a_reading(string register, ushort notImplemented)
    {
        // AphB 0x8000 with A_SF −2 read −327.68 A: an export of 327 A the control loop took as room. A_SF 0x8000 made 10^−32768 of
        // every current: 0 A. Either is no value, and a meter without a current of its phases gives no reading.
        var template = BuiltInTemplates.Catalog.Get("sunspec-meter-203");
        var device = new SimulatedModbusMeter(template);
        device.Update(Known);
        var address = template.Registers[register].Address;
        await using var site = SimulatedSite.Start((7, new OneRegisterAs(device, (ushort)address, notImplemented)));
        await using var meter = new ModbusMeter("grid", template, site.Client, 7, site.Time, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));
        Assert.Contains("without its currents", error.Message, StringComparison.Ordinal);
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

    /// <summary>A device whose one register reads as <paramref name="value"/> whatever it holds.</summary>
    private sealed class OneRegisterAs(IModbusServerUnit inner, ushort address, ushort value) : IModbusServerUnit
    {
        public ModbusResponse Handle(ModbusRequest request)
        {
            var response = inner.Handle(request);
            if (!request.IsRead || address < request.Address || address >= request.Address + request.Quantity)
            {
                return response;
            }

            var registers = response.Registers.ToArray();
            registers[address - request.Address] = value;
            return response with { Registers = registers };
        }
    }
}
