using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Tests.Modbus;

public sealed class MalformedReplyTest
{
    private static readonly ModbusRequest ReadTwo = ModbusRequest.ReadHoldingRegisters(100, 2);

    [Theory]
    [InlineData(new byte[] { 0x04, 0x04, 0, 1, 0, 2 }, "carries function 04")]
    [InlineData(new byte[] { 0x03, 0x02, 0, 1 }, "byte count 2")]
    [InlineData(new byte[] { 0x03, 0x04, 0, 1, 0 }, "holds 3 data bytes")]
    [InlineData(new byte[] { 0x03, 0x04, 0, 1, 0, 2, 9 }, "holds 5 data bytes")]
    [InlineData(new byte[] { 0x83, 0x02, 0x00 }, "exception reply is 2 bytes")]
    [InlineData(new byte[] { 0x03 }, "too short")]
    public void A_malformed_read_reply_is_refused_with_what_is_wrong(byte[] reply, string expected)
    {
        var ex = Assert.Throws<ModbusProtocolException>(() => ModbusResponseCodec.Decode(ReadTwo, reply));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_reply_that_echoes_another_address_is_refused()
    {
        var ex = Assert.Throws<ModbusProtocolException>(
            () => ModbusResponseCodec.Decode(ModbusRequest.WriteSingleRegister(1, 3), [0x06, 0x00, 0x02, 0x00, 0x03]));

        Assert.Contains("does not echo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_multiple_reply_with_another_quantity_is_refused()
    {
        Assert.Throws<ModbusProtocolException>(
            () => ModbusResponseCodec.Decode(ModbusRequest.WriteMultipleRegisters(1, [10, 258]), [0x10, 0x00, 0x01, 0x00, 0x03]));
    }
}
