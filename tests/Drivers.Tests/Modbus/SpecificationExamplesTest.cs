using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>
/// The request/response pairs worked through per function code in Modbus Application Protocol
/// Specification v1.1b3, section 6 (the tables headed "Request / Response" under each function).
/// </summary>
public sealed class SpecificationExamplesTest
{
    public static TheoryData<string, byte[], byte[]> Examples => new()
    {
        // 6.1 Read Coils 20-38; reply: coils 27-20 = CD, 35-28 = 6B, 38-36 = 05.
        { "FC01", [0x01, 0x00, 0x13, 0x00, 0x13], [0x01, 0x03, 0xCD, 0x6B, 0x05] },
        // 6.2 Read Discrete Inputs 197-218.
        { "FC02", [0x02, 0x00, 0xC4, 0x00, 0x16], [0x02, 0x03, 0xAC, 0xDB, 0x35] },
        // 6.3 Read Holding Registers 108-110: 555, 0, 100.
        { "FC03", [0x03, 0x00, 0x6B, 0x00, 0x03], [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64] },
        // 6.4 Read Input Register 9: 10.
        { "FC04", [0x04, 0x00, 0x08, 0x00, 0x01], [0x04, 0x02, 0x00, 0x0A] },
        // 6.5 Write Single Coil 173 ON.
        { "FC05", [0x05, 0x00, 0xAC, 0xFF, 0x00], [0x05, 0x00, 0xAC, 0xFF, 0x00] },
        // 6.6 Write Single Register 2 = 3.
        { "FC06", [0x06, 0x00, 0x01, 0x00, 0x03], [0x06, 0x00, 0x01, 0x00, 0x03] },
        // 6.11 Write Multiple Coils 20-29.
        { "FC15", [0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01], [0x0F, 0x00, 0x13, 0x00, 0x0A] },
        // 6.12 Write Multiple Registers 2-3 = 000A, 0102.
        { "FC16", [0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02], [0x10, 0x00, 0x01, 0x00, 0x02] },
        // 6.17 Read/Write Multiple Registers: read 4-9, write 15-17 = 00FF x3.
        {
            "FC23",
            [0x17, 0x00, 0x03, 0x00, 0x06, 0x00, 0x0E, 0x00, 0x03, 0x06, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF],
            [0x17, 0x0C, 0x00, 0xFE, 0x0A, 0xCD, 0x00, 0x01, 0x00, 0x03, 0x00, 0x0D, 0x00, 0xFF]
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_request_decoded_from_the_example_encodes_back_to_the_same_bytes(string name, byte[] request, byte[] response)
    {
        var decoded = ModbusRequestCodec.Decode(request);
        var buffer = new byte[256];
        var length = ModbusRequestCodec.Encode(decoded, buffer);

        Assert.Equal(request, buffer[..length]);
        Assert.Equal(request.Length, ModbusRequestCodec.MeasureLength(request));
        Assert.Equal(response.Length, ModbusResponseCodec.MeasureLength(response));
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_reply_decodes_and_a_server_encodes_the_same_bytes(string name, byte[] request, byte[] response)
    {
        var decodedRequest = ModbusRequestCodec.Decode(request);
        var decodedResponse = ModbusResponseCodec.Decode(decodedRequest, response);
        var buffer = new byte[256];
        var length = ModbusResponseCodec.Encode(decodedRequest, decodedResponse, buffer);

        Assert.Equal(response, buffer[..length]);
        Assert.NotNull(name);
    }

    [Fact]
    public void Read_coils_example_gives_the_coil_states_of_the_specification()
    {
        var request = ModbusRequest.ReadCoils(19, 19);
        var response = ModbusResponseCodec.Decode(request, [0x01, 0x03, 0xCD, 0x6B, 0x05]);

        // Coils 27..20 = 1100 1101 (CD): coil 20 is the least significant bit.
        Assert.Equal(19, response.Bits.Count);
        Assert.Equal([true, false, true, true, false, false, true, true], response.Bits.Take(8));
        Assert.Equal([true, false, true], response.Bits.Skip(16));
    }

    [Fact]
    public void Read_holding_registers_example_gives_555_0_and_100()
    {
        var response = ModbusResponseCodec.Decode(ModbusRequest.ReadHoldingRegisters(107, 3), [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]);

        Assert.Equal(new ushort[] { 555, 0, 100 }, response.Registers);
    }

    [Fact]
    public void Read_write_example_encodes_from_the_factory_exactly()
    {
        var buffer = new byte[256];
        var length = ModbusRequestCodec.Encode(ModbusRequest.ReadWriteMultipleRegisters(3, 6, 14, [0xFF, 0xFF, 0xFF]), buffer);

        Assert.Equal(new byte[] { 0x17, 0x00, 0x03, 0x00, 0x06, 0x00, 0x0E, 0x00, 0x03, 0x06, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF }, buffer[..length]);
    }
}
