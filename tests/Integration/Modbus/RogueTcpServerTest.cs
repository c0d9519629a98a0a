using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>
/// A Modbus TCP server that answers wrong on purpose in each way the issue lists: each is a clear
/// error, never a crash, never a reply handed to the wrong request, and the next request works.
/// </summary>
public sealed class RogueTcpServerTest(RogueTcpFixture rogue) : IClassFixture<RogueTcpFixture>
{
    [Theory]
    [InlineData(100, typeof(ModbusProtocolException), "holds 1 data bytes where its byte count says 4")]
    [InlineData(101, typeof(ModbusTimeoutException), "dropped a reply with transaction id")]
    [InlineData(102, typeof(ModbusProtocolException), "came from unit 2, not 1")]
    [InlineData(103, typeof(ModbusProtocolException), "carries function 04")]
    [InlineData(104, typeof(ModbusProtocolException), "byte count 2 does not match the 4 bytes asked for")]
    [InlineData(105, typeof(ModbusProtocolException), "trailing bytes")]
    [InlineData(108, typeof(ModbusProtocolException), "MBAP protocol id is 7")]
    public async Task A_wrong_reply_is_a_clear_error_and_the_next_request_works(int address, Type expected, string message)
    {
        // Generous: several engineers build on this machine at once; only 101 (a reply that never matches) waits it out.
        await using var client = ModbusPeers.TcpClient(rogue.Port, TimeSpan.FromMilliseconds(2000));

        var ex = await Assert.ThrowsAnyAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(1, (ushort)address, 2, CancellationToken.None));

        Assert.IsType(expected, ex);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(new ushort[] { 7, 8 }, await client.ReadHoldingRegistersAsync(1, 7, 2, CancellationToken.None));
    }

    [Fact]
    public async Task A_reply_that_arrives_after_its_timeout_is_never_handed_to_the_next_request()
    {
        await using var client = ModbusPeers.TcpClient(rogue.Port, TimeSpan.FromMilliseconds(1000));

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadHoldingRegistersAsync(1, 106, 2, CancellationToken.None));
        // The peer sends 106's late reply when this request arrives, just before this request's own reply.
        var next = await client.ReadHoldingRegistersAsync(1, 107, 2, CancellationToken.None);

        Assert.Equal(new ushort[] { 107, 108 }, next);
    }

    [Fact]
    public async Task Read_write_multiple_registers_writes_before_it_reads()
    {
        await using var client = ModbusPeers.TcpClient(rogue.Port, TimeSpan.FromSeconds(2));

        var read = await client.ReadWriteMultipleRegistersAsync(1, 499, 4, 500, [9, 8, 7], CancellationToken.None);

        Assert.Equal(new ushort[] { 499, 9, 8, 7 }, read);
    }
}
