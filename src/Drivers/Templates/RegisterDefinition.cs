using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Templates;

/// <summary>
/// One value in a device's register map. Its value in the unit of its meaning is
/// <c>raw × scale × 10^(scale exponent register) × (factor of unit)</c>, e.g. a u16 in "dA" is tenths of an ampere.
/// </summary>
public sealed record RegisterDefinition
{
    /// <summary>The on-the-wire (0-based) address of the first register.</summary>
    public required int Address { get; init; }

    public RegisterFunction Function { get; init; } = RegisterFunction.Holding;

    public RegisterDataType Type { get; init; } = RegisterDataType.U16;

    /// <summary>Registers a string spans (strings only).</summary>
    public int? Length { get; init; }

    public WordOrder WordOrder { get; init; } = WordOrder.HighFirst;

    public ByteOrder ByteOrder { get; init; } = ByteOrder.BigEndian;

    /// <summary>A factor applied to the raw number before the unit (default 1).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>The unit of the scaled value, one of <see cref="Units"/>; converted to the meaning's unit (A, V, W, Wh, s).</summary>
    public string Unit { get; init; } = "";

    /// <summary>The name of an s16 register holding a power-of-ten exponent (SunSpec scale factors).</summary>
    public string? ScaleExponentRegister { get; init; }

    /// <summary>For integer types: keep only these bits of the raw value (e.g. a state in one byte of a register).</summary>
    public long? Mask { get; init; }

    /// <summary>For integer types: shift the masked value right by this many bits.</summary>
    public int Shift { get; init; }

    /// <summary>Force FC 16 for a single-register write (some devices refuse FC 06), or FC 06/05.</summary>
    public int? WriteFunction { get; init; }

    /// <summary>What the value means, in the vendor's words.</summary>
    public string? Description { get; init; }

    /// <summary>How many registers (or bits) the value spans.</summary>
    [JsonIgnore]
    public int Words => Type switch
    {
        RegisterDataType.U16 or RegisterDataType.S16 => 1,
        RegisterDataType.U32 or RegisterDataType.S32 or RegisterDataType.Ieee32 => 2,
        RegisterDataType.U64 or RegisterDataType.S64 or RegisterDataType.Ieee64 => 4,
        _ => Length ?? 1,
    };
}
