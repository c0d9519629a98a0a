using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>
/// A meter at the register level, built from a meter template: the physics model calls
/// <see cref="Update"/> with what the meter measures, and a <see cref="ModbusTcpServer"/> serves the
/// registers exactly as the real model would hold them (type, word order, unit, scale).
/// </summary>
/// <example>
/// <code>
/// var meter = new SimulatedModbusMeter(catalog.Get("eastron-sdm630"));
/// server.AddUnit(1, meter);
/// meter.Update(reading);
/// </code>
/// </example>
public sealed class SimulatedModbusMeter : IModbusServerUnit
{
    private readonly TemplateRegisterImage _image;

    public SimulatedModbusMeter(DeviceTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Kind != DeviceKind.Meter)
        {
            throw new ArgumentException($"Template '{template.Id}' is not a meter.", nameof(template));
        }

        _image = new TemplateRegisterImage(template, Map);
    }

    public SimulatedRegisterMap Map { get; } = new();

    public DeviceTemplate Template => _image.Template;

    /// <summary>Sets every register the template has from <paramref name="reading"/>.</summary>
    public void Update(MeterReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        SetPhases(RegisterMeanings.Currents, reading.CurrentA);
        SetPhases(RegisterMeanings.Voltages, reading.VoltageV);
        SetPhases(RegisterMeanings.Powers, reading.PowerW);
        _image.SetValue(RegisterMeanings.TotalPower, reading.TotalPowerW);
        _image.SetValue(RegisterMeanings.ImportEnergy, reading.ImportEnergyWh);
    }

    public ModbusResponse Handle(ModbusRequest request) => Map.Handle(request);

    private void SetPhases(IReadOnlyList<string> names, PhaseValues values)
    {
        for (var i = 0; i < 3; i++)
        {
            _image.SetValue(names[i], values[i]);
        }
    }
}
