using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Tests.Modbus;

public sealed class ExceptionResponseTest
{
    [Theory]
    [InlineData(0x01, ModbusExceptionCode.IllegalFunction, false)]
    [InlineData(0x02, ModbusExceptionCode.IllegalDataAddress, false)]
    [InlineData(0x03, ModbusExceptionCode.IllegalDataValue, false)]
    [InlineData(0x04, ModbusExceptionCode.ServerDeviceFailure, false)]
    [InlineData(0x05, ModbusExceptionCode.Acknowledge, true)]
    [InlineData(0x06, ModbusExceptionCode.ServerDeviceBusy, true)]
    [InlineData(0x08, ModbusExceptionCode.MemoryParityError, false)]
    [InlineData(0x0A, ModbusExceptionCode.GatewayPathUnavailable, true)]
    [InlineData(0x0B, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, true)]
    public void Each_exception_code_becomes_a_typed_error(byte code, ModbusExceptionCode expected, bool transient)
    {
        var ex = Assert.Throws<ModbusExceptionResponseException>(
            () => ModbusResponseCodec.Decode(ModbusRequest.ReadInputRegisters(0, 2), [0x84, code]));

        Assert.Equal(expected, ex.Code);
        Assert.Equal(ModbusFunctionCode.ReadInputRegisters, ex.Function);
        Assert.Equal(transient, ex.IsTransient);
        Assert.Contains(ModbusExceptionResponseException.Describe(expected), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_specification_example_exception_reply_encodes_as_81_02()
    {
        // Section 7: a Read Coils request for a non-existent address gets 81 02.
        var buffer = new byte[2];
        ModbusResponseCodec.EncodeException(ModbusFunctionCode.ReadCoils, ModbusExceptionCode.IllegalDataAddress, buffer);

        Assert.Equal(new byte[] { 0x81, 0x02 }, buffer);
    }

    [Fact]
    public void A_server_decoding_an_unknown_function_gets_illegal_function()
    {
        var ex = Assert.Throws<ModbusExceptionResponseException>(() => ModbusRequestCodec.Decode([0x2B, 0x0E, 0x01, 0x00]));

        Assert.Equal(ModbusExceptionCode.IllegalFunction, ex.Code);
    }

    [Fact]
    public void A_server_decoding_a_quantity_out_of_range_gets_illegal_data_value()
    {
        var ex = Assert.Throws<ModbusExceptionResponseException>(() => ModbusRequestCodec.Decode([0x03, 0x00, 0x00, 0x00, 0x7E]));

        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.Code);
    }
}
