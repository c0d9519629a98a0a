using System.Buffers.Binary;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// The Modbus TCP ADU: the 7-byte MBAP header (transaction id, protocol id 0, length, unit id) and the
/// PDU (Modbus Messaging on TCP/IP Implementation Guide v1.0b, section 3.1.3). Pure functions over spans.
/// </summary>
public static class MbapFrame
{
    public const int HeaderLength = 7;
    public const int MaxLength = HeaderLength + ModbusPdu.MaxLength;

    /// <summary>Writes header and PDU into <paramref name="adu"/>; returns the ADU's length.</summary>
    public static int Encode(Span<byte> adu, ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        BinaryPrimitives.WriteUInt16BigEndian(adu, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(adu[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(adu[4..], (ushort)(pdu.Length + 1));
        adu[6] = unitId;
        pdu.CopyTo(adu[HeaderLength..]);
        return HeaderLength + pdu.Length;
    }

    /// <summary>
    /// Looks for one ADU at the start of <paramref name="buffer"/>. Consumes nothing until the whole
    /// ADU is there; the header's length field decides where it ends.
    /// </summary>
    public static FrameStatus TryDecode(ReadOnlySpan<byte> buffer, out ModbusFrame frame, out string? error)
    {
        frame = default;
        error = null;
        if (buffer.Length < HeaderLength)
        {
            // A protocol id byte already here that is not 0 begins no frame: say so now, not after more bytes.
            if (buffer.Length > 2 && (buffer[2] != 0 || (buffer.Length > 3 && buffer[3] != 0)))
            {
                error = $"MBAP protocol id begins 0x{Convert.ToHexString(buffer[2..Math.Min(buffer.Length, 4)])}, not 0";
                return FrameStatus.Invalid;
            }

            return FrameStatus.Incomplete;
        }

        var protocolId = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[4..]);
        if (protocolId != 0)
        {
            error = $"MBAP protocol id is {protocolId}, not 0";
            return FrameStatus.Invalid;
        }

        // The length counts the unit id and the PDU: at least a function code, at most a full PDU.
        if (length < 2 || length > ModbusPdu.MaxLength + 1)
        {
            error = $"MBAP length {length} is outside 2..{ModbusPdu.MaxLength + 1}";
            return FrameStatus.Invalid;
        }

        var total = HeaderLength - 1 + length;
        if (buffer.Length < total)
        {
            return FrameStatus.Incomplete;
        }

        frame = new ModbusFrame(total, BinaryPrimitives.ReadUInt16BigEndian(buffer), buffer[6], HeaderLength, length - 1);
        return FrameStatus.Complete;
    }
}
