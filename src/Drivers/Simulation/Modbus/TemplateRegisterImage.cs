using System.Globalization;
using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>
/// A template's registers laid out in a <see cref="SimulatedRegisterMap"/>: sets and reads values by
/// name in their base units, encoded exactly as the template says the device holds them. Scale
/// exponent registers (SunSpec) get a fixed exponent per unit (A: -2, V: -1, W: 1, others 0).
/// </summary>
public sealed class TemplateRegisterImage
{
    private readonly int _addressOffset;

    public TemplateRegisterImage(DeviceTemplate template, SimulatedRegisterMap map, int addressOffset = 0)
    {
        Template = template ?? throw new ArgumentNullException(nameof(template));
        Map = map ?? throw new ArgumentNullException(nameof(map));
        _addressOffset = addressOffset;
        // The device answers the whole span of each block the driver reads, as real devices do for their documented ranges.
        foreach (var block in RegisterReadPlan.ForAll(template, addressOffset).Blocks)
        {
            map.Define(block.Function, block.Address, block.Count);
        }

        foreach (var register in template.Registers.Values)
        {
            if (register.ScaleExponentRegister is { } exponentName)
            {
                var exponentRegister = template.Registers[exponentName];
                map.Set(exponentRegister.Function, exponentRegister.Address + addressOffset, RegisterValueCodec.EncodeRaw(exponentRegister, DefaultExponent(register)));
            }
        }
    }

    public DeviceTemplate Template { get; }

    public SimulatedRegisterMap Map { get; }

    public bool Has(string name) => Template.Registers.ContainsKey(name);

    /// <summary>Sets a numeric register to <paramref name="value"/> in its base unit; a missing register is ignored.</summary>
    public void SetValue(string name, double value)
    {
        if (Template.Registers.TryGetValue(name, out var register))
        {
            var raw = value / RegisterValueCodec.Factor(register, Exponent(register));
            Map.Set(register.Function, register.Address + _addressOffset, RegisterValueCodec.EncodeRaw(register, Clamp(register, raw)));
        }
    }

    /// <summary>Sets a register to a raw value given as text: a string register takes it as is, others as a number.</summary>
    public void SetRaw(string name, string raw)
    {
        if (Template.Registers.TryGetValue(name, out var register))
        {
            var words = register.Type == RegisterDataType.Text
                ? RegisterValueCodec.EncodeText(register, raw)
                : RegisterValueCodec.EncodeRaw(register, double.Parse(raw, CultureInfo.InvariantCulture));
            Map.Set(register.Function, register.Address + _addressOffset, words);
        }
    }

    /// <summary>The value a register holds, in its base unit; null when the template has none.</summary>
    public double? ReadValue(string name)
    {
        if (!Template.Registers.TryGetValue(name, out var register))
        {
            return null;
        }

        var words = Map.Get(register.Function, register.Address + _addressOffset, register.Words);
        return RegisterValueCodec.DecodeRaw(register, words) * RegisterValueCodec.Factor(register, Exponent(register));
    }

    /// <summary>Whether a write touched the named register.</summary>
    public bool WasWritten(RegisterWriteEventArgs write, string name)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Template.Registers.TryGetValue(name, out var register) && write.Touches(register.Function, register.Address + _addressOffset, register.Words);
    }

    private int Exponent(RegisterDefinition register)
    {
        if (register.ScaleExponentRegister is not { } exponentName)
        {
            return 0;
        }

        var exponentRegister = Template.Registers[exponentName];
        return (int)RegisterValueCodec.DecodeRaw(exponentRegister, Map.Get(exponentRegister.Function, exponentRegister.Address + _addressOffset, 1));
    }

    private static int DefaultExponent(RegisterDefinition register) =>
        Units.TryGet(register.Unit, out var baseUnit, out _) ? baseUnit switch { "A" => -2, "V" => -1, "W" => 1, _ => 0 } : 0;

    /// <summary>Integer registers saturate, as a real device's would, rather than wrap.</summary>
    private static double Clamp(RegisterDefinition register, double raw) => register.Type switch
    {
        RegisterDataType.U16 => Math.Clamp(raw, 0, ushort.MaxValue),
        RegisterDataType.S16 => Math.Clamp(raw, short.MinValue, short.MaxValue),
        RegisterDataType.U32 => Math.Clamp(raw, 0, uint.MaxValue),
        RegisterDataType.S32 => Math.Clamp(raw, int.MinValue, int.MaxValue),
        RegisterDataType.U64 => Math.Max(raw, 0),
        _ => raw,
    };
}
