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

        var exponent = register.ScaleExponentRegister is { } exponentName
            ? (int)RegisterValueCodec.DecodeRaw(_plan.Template.Registers[exponentName], Words(_plan.Template.Registers[exponentName]))
            : 0;
        return RegisterValueCodec.DecodeRaw(register, Words(register)) * RegisterValueCodec.Factor(register, exponent);
    }

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
