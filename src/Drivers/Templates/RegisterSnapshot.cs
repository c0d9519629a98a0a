namespace ChargeNet.Drivers.Templates;

/// <summary>The registers of one read of a <see cref="RegisterReadPlan"/>, decoded by name.</summary>
public sealed class RegisterSnapshot
{
    private readonly RegisterReadPlan _plan;
    private readonly ushort[]?[] _data;

    /// <param name="data">Each block's words, or null for a block that failed (its registers read as unknown).</param>
    internal RegisterSnapshot(RegisterReadPlan plan, ushort[]?[] data)
    {
        _plan = plan;
        _data = data;
    }

    /// <summary>The template whose registers these are.</summary>
    public DeviceTemplate Template => _plan.Template;

    /// <summary>The connector's address offset the registers were read at.</summary>
    public int AddressOffset => _plan.AddressOffset;

    /// <summary>The value of <paramref name="name"/> in its base unit, or null when the template has no such register or its block failed.</summary>
    public double? Value(string name)
    {
        if (!_plan.Template.Registers.TryGetValue(name, out var register) || !WasRead(register)
            || (register.ScaleExponentRegister is { } scaleName && !WasRead(_plan.Template.Registers[scaleName])))
        {
            return null;
        }

        var exponent = 0;
        if (register.ScaleExponentRegister is { } exponentName)
        {
            var scale = _plan.Template.Registers[exponentName];
            var scaleRaw = RegisterValueCodec.DecodeRaw(scale, Words(scale));
            if (NotImplemented(scale, scaleRaw))
            {
                return null;
            }

            exponent = (int)scaleRaw;
        }

        var raw = RegisterValueCodec.DecodeRaw(register, Words(register));
        return register.ScaleExponentRegister is not null && NotImplemented(register, raw) ? null : raw * RegisterValueCodec.Factor(register, exponent);
    }

    // SunSpec's "not implemented" values (Information Model Specification: int16 0x8000, uint16 0xFFFF, int32 0x80000000, uint32
    // 0xFFFFFFFF; a scale factor 0x8000), for the registers scaled the SunSpec way: a point the device does not have, not a
    // measurement — 0x8000 with A_SF −2 would read −327.68 A, an export the control loop would take as room (docs/devices.md).
    private static bool NotImplemented(RegisterDefinition register, double raw) => register.Type switch
    {
        RegisterDataType.S16 => raw == short.MinValue,
        RegisterDataType.U16 => raw == ushort.MaxValue,
        RegisterDataType.S32 => raw == int.MinValue,
        RegisterDataType.U32 => raw == uint.MaxValue,
        _ => false,
    };

    /// <summary>The raw text (string registers) or raw number as text (others), for state maps.</summary>
    public string? RawText(string name)
    {
        if (!_plan.Template.Registers.TryGetValue(name, out var register) || !WasRead(register))
        {
            return null;
        }

        return register.Type == RegisterDataType.Text
            ? RegisterValueCodec.DecodeText(register, Words(register))
            : RegisterValueCodec.DecodeRaw(register, Words(register)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether every register read holds the same as in <paramref name="other"/>.</summary>
    public bool HasSameRegistersAs(RegisterSnapshot? other) =>
        other is not null && other._data.Length == _data.Length && _data.Zip(other._data).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    private bool WasRead(RegisterDefinition register) => _data[BlockOf(register)] is not null;

    private ReadOnlySpan<ushort> Words(RegisterDefinition register)
    {
        var i = BlockOf(register);
        return _data[i].AsSpan(register.Address + _plan.AddressOffset - _plan.Blocks[i].Address, register.Words);
    }

    private int BlockOf(RegisterDefinition register)
    {
        var address = register.Address + _plan.AddressOffset;
        for (var i = 0; i < _plan.Blocks.Count; i++)
        {
            var block = _plan.Blocks[i];
            if (block.Function == register.Function && address >= block.Address && address + register.Words <= block.Address + block.Count)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Register at {address} is not in the plan.");
    }
}
