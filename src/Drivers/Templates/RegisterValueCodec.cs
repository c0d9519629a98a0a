using System.Buffers.Binary;
using System.Text;

namespace ChargeNet.Drivers.Templates;

/// <summary>
/// Registers to numbers and text and back, in the word and byte order a template gives, and the scaling
/// from the raw number to the base unit (A, V, W, Wh, s). Pure functions.
/// </summary>
public static class RegisterValueCodec
{
    /// <summary>The raw number the registers hold (before scale and unit).</summary>
    public static double DecodeRaw(RegisterDefinition register, ReadOnlySpan<ushort> words)
    {
        ArgumentNullException.ThrowIfNull(register);
        Span<byte> bytes = stackalloc byte[8];
        var length = ToBigEndianBytes(register, words, bytes);
        var value = bytes[..length];
        var raw = register.Type switch
        {
            RegisterDataType.U16 => BinaryPrimitives.ReadUInt16BigEndian(value),
            RegisterDataType.S16 => BinaryPrimitives.ReadInt16BigEndian(value),
            RegisterDataType.U32 => BinaryPrimitives.ReadUInt32BigEndian(value),
            RegisterDataType.S32 => BinaryPrimitives.ReadInt32BigEndian(value),
            RegisterDataType.U64 => BinaryPrimitives.ReadUInt64BigEndian(value),
            RegisterDataType.S64 => BinaryPrimitives.ReadInt64BigEndian(value),
            RegisterDataType.Ieee32 => BinaryPrimitives.ReadSingleBigEndian(value),
            RegisterDataType.Ieee64 => BinaryPrimitives.ReadDoubleBigEndian(value),
            _ => throw new ArgumentException($"A {register.Type} register holds text, not a number.", nameof(register)),
        };
        return register.Mask is { } mask ? (((long)raw) & mask) >> register.Shift : raw;
    }

    /// <summary>The registers that hold <paramref name="raw"/>; integers are rounded; a value out of the type's range throws.</summary>
    public static ushort[] EncodeRaw(RegisterDefinition register, double raw)
    {
        ArgumentNullException.ThrowIfNull(register);
        if (!double.IsFinite(raw))
        {
            throw new ArgumentOutOfRangeException(nameof(raw), raw, "Only finite values can be written.");
        }

        Span<byte> bytes = stackalloc byte[8];
        var rounded = Math.Round(raw, MidpointRounding.AwayFromZero);
        if (register.Mask is { } mask)
        {
            rounded = ((long)rounded << register.Shift) & mask;
        }

        switch (register.Type)
        {
            case RegisterDataType.U16: BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)InRange(rounded, ushort.MinValue, ushort.MaxValue))); break;
            case RegisterDataType.S16: BinaryPrimitives.WriteInt16BigEndian(bytes, checked((short)InRange(rounded, short.MinValue, short.MaxValue))); break;
            case RegisterDataType.U32: BinaryPrimitives.WriteUInt32BigEndian(bytes, checked((uint)InRange(rounded, uint.MinValue, uint.MaxValue))); break;
            case RegisterDataType.S32: BinaryPrimitives.WriteInt32BigEndian(bytes, checked((int)InRange(rounded, int.MinValue, int.MaxValue))); break;
            case RegisterDataType.U64: BinaryPrimitives.WriteUInt64BigEndian(bytes, checked((ulong)InRange(rounded, 0, 1.8e19))); break;
            case RegisterDataType.S64: BinaryPrimitives.WriteInt64BigEndian(bytes, checked((long)InRange(rounded, -9.2e18, 9.2e18))); break;
            case RegisterDataType.Ieee32: BinaryPrimitives.WriteSingleBigEndian(bytes, (float)raw); break;
            case RegisterDataType.Ieee64: BinaryPrimitives.WriteDoubleBigEndian(bytes, raw); break;
            default: throw new ArgumentException($"A {register.Type} register holds text, not a number.", nameof(register));
        }

        return FromBigEndianBytes(register, bytes[..(2 * register.Words)]);
    }

    public static string DecodeText(RegisterDefinition register, ReadOnlySpan<ushort> words)
    {
        ArgumentNullException.ThrowIfNull(register);
        var bytes = new byte[2 * words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var word = register.ByteOrder == ByteOrder.LittleEndian ? BinaryPrimitives.ReverseEndianness(words[i]) : words[i];
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2 * i), word);
        }

        return Encoding.ASCII.GetString(bytes).TrimEnd('\0', ' ');
    }

    public static ushort[] EncodeText(RegisterDefinition register, string text)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[2 * register.Words];
        var count = Encoding.ASCII.GetBytes(text.AsSpan(0, Math.Min(text.Length, bytes.Length)), bytes);
        bytes.AsSpan(count).Clear();
        var words = new ushort[register.Words];
        for (var i = 0; i < words.Length; i++)
        {
            var word = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2 * i));
            words[i] = register.ByteOrder == ByteOrder.LittleEndian ? BinaryPrimitives.ReverseEndianness(word) : word;
        }

        return words;
    }

    /// <summary>The factor from the raw number to the base unit, given the SunSpec-style exponent (0 when none).</summary>
    public static double Factor(RegisterDefinition register, int exponent)
    {
        ArgumentNullException.ThrowIfNull(register);
        return Units.TryGet(register.Unit, out _, out var unitFactor)
            ? register.Scale * unitFactor * Math.Pow(10, exponent)
            : throw new ArgumentException($"Unknown unit '{register.Unit}'.", nameof(register));
    }

    private static double InRange(double value, double min, double max) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Does not fit between {min} and {max}.");

    private static int ToBigEndianBytes(RegisterDefinition register, ReadOnlySpan<ushort> words, Span<byte> bytes)
    {
        var count = register.Words;
        if (words.Length < count)
        {
            throw new ArgumentException($"A {register.Type} value needs {count} registers, got {words.Length}.", nameof(words));
        }

        for (var i = 0; i < count; i++)
        {
            var word = words[register.WordOrder == WordOrder.HighFirst ? i : count - 1 - i];
            if (register.ByteOrder == ByteOrder.LittleEndian)
            {
                word = BinaryPrimitives.ReverseEndianness(word);
            }

            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * i)..], word);
        }

        return 2 * count;
    }

    private static ushort[] FromBigEndianBytes(RegisterDefinition register, ReadOnlySpan<byte> bytes)
    {
        var count = bytes.Length / 2;
        var words = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            var word = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
            if (register.ByteOrder == ByteOrder.LittleEndian)
            {
                word = BinaryPrimitives.ReverseEndianness(word);
            }

            words[register.WordOrder == WordOrder.HighFirst ? i : count - 1 - i] = word;
        }

        return words;
    }
}
