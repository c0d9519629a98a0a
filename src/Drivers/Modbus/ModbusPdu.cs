using System.Buffers.Binary;

namespace ChargeNet.Drivers.Modbus;

/// <summary>Small helpers over PDU bytes shared by the request and response codecs.</summary>
internal static class ModbusPdu
{
    /// <summary>The largest PDU (256-byte RTU ADU minus address and CRC).</summary>
    public const int MaxLength = 253;

    public static ushort ReadUInt16(ReadOnlySpan<byte> pdu, int offset) => BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]);

    public static void WriteUInt16(Span<byte> pdu, int offset, int value) => BinaryPrimitives.WriteUInt16BigEndian(pdu[offset..], (ushort)value);

    public static int BitByteCount(int bits) => (bits + 7) / 8;

    public static int WriteRegisters(Span<byte> pdu, int offset, IReadOnlyList<ushort> registers)
    {
        for (var i = 0; i < registers.Count; i++)
        {
            WriteUInt16(pdu, offset + (2 * i), registers[i]);
        }

        return offset + (2 * registers.Count);
    }

    public static ushort[] ReadRegisters(ReadOnlySpan<byte> data)
    {
        var registers = new ushort[data.Length / 2];
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = ReadUInt16(data, 2 * i);
        }

        return registers;
    }

    public static int WriteBits(Span<byte> pdu, int offset, IReadOnlyList<bool> bits)
    {
        var count = BitByteCount(bits.Count);
        pdu.Slice(offset, count).Clear();
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                pdu[offset + (i / 8)] |= (byte)(1 << (i % 8));
            }
        }

        return offset + count;
    }

    public static bool[] ReadBits(ReadOnlySpan<byte> data, int count)
    {
        var bits = new bool[count];
        for (var i = 0; i < count; i++)
        {
            bits[i] = (data[i / 8] & (1 << (i % 8))) != 0;
        }

        return bits;
    }

    public static bool IsKnownFunction(byte function) => function is 0x01 or 0x02 or 0x03 or 0x04 or 0x05 or 0x06 or 0x0F or 0x10 or 0x17;
}
