namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// The RTU ADU: server address, PDU, CRC-16 low byte first (Modbus over Serial Line v1.02, sections
/// 2.5.1 and 6.2.2). RTU has no length field, so a frame's end is found from its function code and byte
/// count; pure functions over spans.
/// </summary>
public static class RtuFrame
{
    public const int MaxLength = 256;

    /// <summary>CRC-16/MODBUS: polynomial 0xA001 (reflected 0x8005), initial value 0xFFFF.</summary>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }

    /// <summary>Writes address, PDU and CRC into <paramref name="adu"/>; returns the ADU's length.</summary>
    public static int Encode(Span<byte> adu, byte address, ReadOnlySpan<byte> pdu)
    {
        adu[0] = address;
        pdu.CopyTo(adu[1..]);
        var crc = Crc16(adu[..(1 + pdu.Length)]);
        adu[1 + pdu.Length] = (byte)(crc & 0xFF);
        adu[2 + pdu.Length] = (byte)(crc >> 8);
        return pdu.Length + 3;
    }

    /// <summary>Looks for one reply ADU at the start of <paramref name="buffer"/>.</summary>
    public static FrameStatus TryDecodeResponse(ReadOnlySpan<byte> buffer, out ModbusFrame frame, out string? error) =>
        TryDecode(buffer, ModbusResponseCodec.MeasureLength, out frame, out error);

    /// <summary>Looks for one request ADU at the start of <paramref name="buffer"/> (for a server).</summary>
    public static FrameStatus TryDecodeRequest(ReadOnlySpan<byte> buffer, out ModbusFrame frame, out string? error) =>
        TryDecode(buffer, ModbusRequestCodec.MeasureLength, out frame, out error);

    private delegate int PduMeasure(ReadOnlySpan<byte> prefix);

    private static FrameStatus TryDecode(ReadOnlySpan<byte> buffer, PduMeasure measure, out ModbusFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (buffer.Length < 2)
        {
            return FrameStatus.Incomplete;
        }

        var pduLength = measure(buffer[1..]);
        if (pduLength < 0)
        {
            error = $"function code {buffer[1]:X2} is not one this client knows";
            return FrameStatus.Invalid;
        }

        if (pduLength == 0)
        {
            return FrameStatus.Incomplete;
        }

        if (pduLength > ModbusPdu.MaxLength)
        {
            error = $"a PDU of {pduLength} bytes is longer than {ModbusPdu.MaxLength}";
            return FrameStatus.Invalid;
        }

        var total = pduLength + 3;
        if (buffer.Length < total)
        {
            return FrameStatus.Incomplete;
        }

        var expected = Crc16(buffer[..(total - 2)]);
        var actual = (ushort)(buffer[total - 2] | (buffer[total - 1] << 8));
        if (expected != actual)
        {
            error = $"CRC is {actual:X4}, expected {expected:X4}";
            return FrameStatus.Invalid;
        }

        frame = new ModbusFrame(total, 0, buffer[0], 1, pduLength);
        return FrameStatus.Complete;
    }
}
