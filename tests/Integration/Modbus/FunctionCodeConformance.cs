using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>
/// The same checks of every function code and exception code, run over each transport against the
/// modbus-serial peer (tests/peers/modbus/server.js documents its data model).
/// </summary>
internal static class FunctionCodeConformance
{
    public static async Task ReadsAndWritesEveryFunctionCodeAsync(ModbusClient client, byte unit)
    {
        var ct = CancellationToken.None;

        Assert.Equal(new[] { true, false, false, true, false, false, true, false, false, true }, await client.ReadCoilsAsync(unit, 0, 10, ct));
        Assert.Equal(new[] { true, false, true, false, true }, await client.ReadDiscreteInputsAsync(unit, 10, 5, ct));
        Assert.Equal(new ushort[] { (ushort)((unit * 100) + 10), (ushort)((unit * 100) + 11), (ushort)((unit * 100) + 12) }, await client.ReadHoldingRegistersAsync(unit, 10, 3, ct));
        Assert.Equal(new ushort[] { (ushort)((unit * 1000) + 7), (ushort)((unit * 1000) + 8) }, await client.ReadInputRegistersAsync(unit, 7, 2, ct));

        await client.WriteSingleCoilAsync(unit, 4, true, ct);
        Assert.Equal(new[] { true }, await client.ReadCoilsAsync(unit, 4, 1, ct));

        await client.WriteSingleRegisterAsync(unit, 20, 4242, ct);
        Assert.Equal(new ushort[] { 4242 }, await client.ReadHoldingRegistersAsync(unit, 20, 1, ct));

        await client.WriteMultipleCoilsAsync(unit, 30, [false, true, true, false, true, false, true, true, true], ct);
        Assert.Equal(new[] { false, true, true, false, true, false, true, true, true }, await client.ReadCoilsAsync(unit, 30, 9, ct));

        await client.WriteMultipleRegistersAsync(unit, 40, [1, 0xFFFF, 3], ct);
        Assert.Equal(new ushort[] { 1, 0xFFFF, 3 }, await client.ReadHoldingRegistersAsync(unit, 40, 3, ct));

        // modbus-serial does not implement FC 23; it must say so with exception 01, which we must type.
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => client.ReadWriteMultipleRegistersAsync(unit, 0, 2, 50, [7, 8], ct));
        Assert.Equal(ModbusExceptionCode.IllegalFunction, ex.Code);
        Assert.Equal(ModbusFunctionCode.ReadWriteMultipleRegisters, ex.Function);
    }

    public static TheoryData<ModbusExceptionCode> ExceptionCodes() =>
        [.. Enum.GetValues<ModbusExceptionCode>()];

    public static async Task AnswersExceptionCodeAsync(ModbusClient client, ModbusExceptionCode code)
    {
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => client.ReadHoldingRegistersAsync(1, (ushort)(9000 + (int)code), 1, CancellationToken.None));

        Assert.Equal(code, ex.Code);

        // The link is still good for the next request.
        Assert.Equal(new ushort[] { 105 }, await client.ReadHoldingRegistersAsync(1, 5, 1, CancellationToken.None));
    }
}
