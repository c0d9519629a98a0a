namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Request PDUs to and from bytes (Modbus Application Protocol v1.1b3, section 6). Pure functions: the
/// client encodes, the simulated server and the RTU framer decode and measure.
/// </summary>
public static class ModbusRequestCodec
{
    /// <summary>Writes the request PDU into <paramref name="pdu"/> and returns its length.</summary>
    public static int Encode(ModbusRequest request, Span<byte> pdu)
    {
        ArgumentNullException.ThrowIfNull(request);
        pdu[0] = (byte)request.Function;
        switch (request.Function)
        {
            case ModbusFunctionCode.WriteSingleCoil:
                ModbusPdu.WriteUInt16(pdu, 1, request.Address);
                ModbusPdu.WriteUInt16(pdu, 3, request.Bits[0] ? 0xFF00 : 0x0000);
                return 5;
            case ModbusFunctionCode.WriteSingleRegister:
                ModbusPdu.WriteUInt16(pdu, 1, request.Address);
                ModbusPdu.WriteUInt16(pdu, 3, request.Registers[0]);
                return 5;
            case ModbusFunctionCode.WriteMultipleCoils:
                ModbusPdu.WriteUInt16(pdu, 1, request.Address);
                ModbusPdu.WriteUInt16(pdu, 3, request.Quantity);
                pdu[5] = (byte)ModbusPdu.BitByteCount(request.Quantity);
                return ModbusPdu.WriteBits(pdu, 6, request.Bits);
            case ModbusFunctionCode.WriteMultipleRegisters:
                ModbusPdu.WriteUInt16(pdu, 1, request.Address);
                ModbusPdu.WriteUInt16(pdu, 3, request.Quantity);
                pdu[5] = (byte)(2 * request.Quantity);
                return ModbusPdu.WriteRegisters(pdu, 6, request.Registers);
            case ModbusFunctionCode.ReadWriteMultipleRegisters:
                ModbusPdu.WriteUInt16(pdu, 1, request.Address);
                ModbusPdu.WriteUInt16(pdu, 3, request.Quantity);
                ModbusPdu.WriteUInt16(pdu, 5, request.WriteAddress);
                ModbusPdu.WriteUInt16(pdu, 7, request.Registers.Count);
                pdu[9] = (byte)(2 * request.Registers.Count);
                return ModbusPdu.WriteRegisters(pdu, 10, request.Registers);
            default:
                ModbusPdu.WriteUInt16(pdu, 1, request.Address);
                ModbusPdu.WriteUInt16(pdu, 3, request.Quantity);
                return 5;
        }
    }

    /// <summary>
    /// How long the request PDU that starts with <paramref name="prefix"/> is: 0 while more bytes are
    /// needed to tell, -1 for a function this codec does not know.
    /// </summary>
    public static int MeasureLength(ReadOnlySpan<byte> prefix)
    {
        if (prefix.IsEmpty)
        {
            return 0;
        }

        return (ModbusFunctionCode)prefix[0] switch
        {
            ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters => prefix.Length < 6 ? 0 : 6 + prefix[5],
            ModbusFunctionCode.ReadWriteMultipleRegisters => prefix.Length < 10 ? 0 : 10 + prefix[9],
            _ when ModbusPdu.IsKnownFunction(prefix[0]) => 5,
            _ => -1,
        };
    }

    /// <summary>
    /// Reads a request PDU, as a server does. A function it does not know throws
    /// <see cref="ModbusExceptionResponseException"/> with illegal function; a quantity or byte count
    /// out of range throws it with illegal data value, which is what the server then answers.
    /// </summary>
    public static ModbusRequest Decode(ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty)
        {
            throw new ModbusProtocolException("Empty request PDU.");
        }

        if (!ModbusPdu.IsKnownFunction(pdu[0]))
        {
            throw new ModbusExceptionResponseException((ModbusFunctionCode)pdu[0], ModbusExceptionCode.IllegalFunction);
        }

        var function = (ModbusFunctionCode)pdu[0];
        var expected = MeasureLength(pdu);
        if (expected <= 0 || pdu.Length != expected)
        {
            throw new ModbusExceptionResponseException(function, ModbusExceptionCode.IllegalDataValue);
        }

        try
        {
            return DecodeBody(function, pdu);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ModbusExceptionResponseException(function, ModbusExceptionCode.IllegalDataValue);
        }
    }

    private static ModbusRequest DecodeBody(ModbusFunctionCode function, ReadOnlySpan<byte> pdu)
    {
        var address = ModbusPdu.ReadUInt16(pdu, 1);
        var quantity = ModbusPdu.ReadUInt16(pdu, 3);
        switch (function)
        {
            case ModbusFunctionCode.ReadCoils:
                return ModbusRequest.ReadCoils(address, quantity);
            case ModbusFunctionCode.ReadDiscreteInputs:
                return ModbusRequest.ReadDiscreteInputs(address, quantity);
            case ModbusFunctionCode.ReadHoldingRegisters:
                return ModbusRequest.ReadHoldingRegisters(address, quantity);
            case ModbusFunctionCode.ReadInputRegisters:
                return ModbusRequest.ReadInputRegisters(address, quantity);
            case ModbusFunctionCode.WriteSingleCoil:
                return quantity is 0xFF00 or 0x0000
                    ? ModbusRequest.WriteSingleCoil(address, quantity == 0xFF00)
                    : throw new ArgumentOutOfRangeException(nameof(pdu), "A coil value is FF00 or 0000.");
            case ModbusFunctionCode.WriteSingleRegister:
                return ModbusRequest.WriteSingleRegister(address, quantity);
            case ModbusFunctionCode.WriteMultipleCoils:
                return pdu[5] == ModbusPdu.BitByteCount(quantity)
                    ? ModbusRequest.WriteMultipleCoils(address, ModbusPdu.ReadBits(pdu[6..], quantity))
                    : throw new ArgumentOutOfRangeException(nameof(pdu), "Byte count does not match the quantity.");
            case ModbusFunctionCode.WriteMultipleRegisters:
                return pdu[5] == 2 * quantity
                    ? ModbusRequest.WriteMultipleRegisters(address, ModbusPdu.ReadRegisters(pdu[6..]))
                    : throw new ArgumentOutOfRangeException(nameof(pdu), "Byte count does not match the quantity.");
            default:
                var writeAddress = ModbusPdu.ReadUInt16(pdu, 5);
                var writeQuantity = ModbusPdu.ReadUInt16(pdu, 7);
                return pdu[9] == 2 * writeQuantity
                    ? ModbusRequest.ReadWriteMultipleRegisters(address, quantity, writeAddress, ModbusPdu.ReadRegisters(pdu[10..]))
                    : throw new ArgumentOutOfRangeException(nameof(pdu), "Byte count does not match the write quantity.");
        }
    }
}
