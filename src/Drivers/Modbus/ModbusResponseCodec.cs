namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Response PDUs to and from bytes. <see cref="Decode"/> checks a reply against the request it answers:
/// function, byte count, echoed address and quantity, exact length; anything else is a
/// <see cref="ModbusProtocolException"/> naming what is wrong.
/// </summary>
public static class ModbusResponseCodec
{
    private const byte ExceptionFlag = 0x80;

    /// <summary>
    /// How long the response PDU that starts with <paramref name="prefix"/> is: 0 while more bytes are
    /// needed to tell, -1 for a function this codec does not know.
    /// </summary>
    public static int MeasureLength(ReadOnlySpan<byte> prefix)
    {
        if (prefix.IsEmpty)
        {
            return 0;
        }

        var function = prefix[0];
        if ((function & ExceptionFlag) != 0)
        {
            return ModbusPdu.IsKnownFunction((byte)(function & ~ExceptionFlag)) ? 2 : -1;
        }

        return (ModbusFunctionCode)function switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs or ModbusFunctionCode.ReadHoldingRegisters
                or ModbusFunctionCode.ReadInputRegisters or ModbusFunctionCode.ReadWriteMultipleRegisters => prefix.Length < 2 ? 0 : 2 + prefix[1],
            _ when ModbusPdu.IsKnownFunction(function) => 5,
            _ => -1,
        };
    }

    /// <summary>Writes the normal response to <paramref name="request"/> and returns its length.</summary>
    public static int Encode(ModbusRequest request, ModbusResponse response, Span<byte> pdu)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        pdu[0] = (byte)request.Function;
        switch (request.Function)
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs:
                pdu[1] = (byte)ModbusPdu.BitByteCount(response.Bits.Count);
                return ModbusPdu.WriteBits(pdu, 2, response.Bits);
            case ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters or ModbusFunctionCode.ReadWriteMultipleRegisters:
                pdu[1] = (byte)(2 * response.Registers.Count);
                return ModbusPdu.WriteRegisters(pdu, 2, response.Registers);
            case ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister:
                // The normal response is an echo of the request.
                return ModbusRequestCodec.Encode(request, pdu);
            default:
                ModbusPdu.WriteUInt16(pdu, 1, request.Address);
                ModbusPdu.WriteUInt16(pdu, 3, request.Quantity);
                return 5;
        }
    }

    /// <summary>Writes an exception response and returns its length (2).</summary>
    public static int EncodeException(ModbusFunctionCode function, ModbusExceptionCode code, Span<byte> pdu)
    {
        pdu[0] = (byte)((byte)function | ExceptionFlag);
        pdu[1] = (byte)code;
        return 2;
    }

    /// <summary>
    /// Reads the reply to <paramref name="request"/>. Throws <see cref="ModbusExceptionResponseException"/>
    /// for an exception response and <see cref="ModbusProtocolException"/> for anything malformed.
    /// </summary>
    public static ModbusResponse Decode(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (pdu.IsEmpty)
        {
            throw new ModbusProtocolException("Empty reply PDU.");
        }

        var function = (byte)request.Function;
        if (pdu[0] == (function | ExceptionFlag))
        {
            Expect(pdu.Length == 2, $"an exception reply is 2 bytes, got {pdu.Length}");
            return pdu[1] == 0
                ? throw new ModbusProtocolException("Exception reply with exception code 00.")
                : throw new ModbusExceptionResponseException(request.Function, (ModbusExceptionCode)pdu[1]);
        }

        Expect(pdu[0] == function, $"reply to function {function:X2} carries function {pdu[0]:X2}");
        return request.Function switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => DecodeBits(request, pdu),
            ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters
                or ModbusFunctionCode.ReadWriteMultipleRegisters => DecodeRegisters(request, pdu),
            _ => DecodeWriteEcho(request, pdu),
        };
    }

    private static ModbusResponse DecodeBits(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        var expectedBytes = ModbusPdu.BitByteCount(request.Quantity);
        CheckByteCount(pdu, expectedBytes);
        return ModbusResponse.ForBits(request.Function, ModbusPdu.ReadBits(pdu[2..], request.Quantity));
    }

    private static ModbusResponse DecodeRegisters(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        CheckByteCount(pdu, 2 * request.Quantity);
        return ModbusResponse.ForRegisters(request.Function, ModbusPdu.ReadRegisters(pdu[2..]));
    }

    private static ModbusResponse DecodeWriteEcho(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        Expect(pdu.Length == 5, $"a write reply is 5 bytes, got {pdu.Length}");
        Span<byte> expected = stackalloc byte[ModbusPdu.MaxLength];
        var length = ModbusRequestCodec.Encode(request, expected);
        var echoLength = request.Function is ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister ? 5 : Math.Min(length, 5);
        Expect(pdu[..echoLength].SequenceEqual(expected[..echoLength]), "the write reply does not echo the address and value/quantity written");
        return ModbusResponse.ForWrite(request.Function);
    }

    private static void CheckByteCount(ReadOnlySpan<byte> pdu, int expectedBytes)
    {
        Expect(pdu.Length >= 2, "the reply is too short to hold a byte count");
        Expect(pdu[1] == expectedBytes, $"byte count {pdu[1]} does not match the {expectedBytes} bytes asked for");
        Expect(pdu.Length == 2 + expectedBytes, $"the reply holds {pdu.Length - 2} data bytes where its byte count says {pdu[1]}");
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new ModbusProtocolException("Malformed reply: " + what + ".");
        }
    }
}
