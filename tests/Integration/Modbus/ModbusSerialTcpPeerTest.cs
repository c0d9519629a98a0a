using ChargeNet.Drivers.Modbus;
using ChargeNet.Integration.Tests.Foundation;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>Our Modbus TCP client against the modbus-serial TCP server (an independent implementation).</summary>
public sealed class ModbusSerialTcpPeerTest(ModbusSerialTcpFixture peer) : IClassFixture<ModbusSerialTcpFixture>
{
    private readonly int _port = peer.Port;

    [Fact]
    public async Task Every_function_code_works_against_the_peer()
    {
        await using var client = ModbusPeers.TcpClient(_port, TimeSpan.FromSeconds(2));

        await FunctionCodeConformance.ReadsAndWritesEveryFunctionCodeAsync(client, 1);
    }

    [Theory]
    [MemberData(nameof(FunctionCodeConformance.ExceptionCodes), MemberType = typeof(FunctionCodeConformance))]
    public async Task Every_exception_code_arrives_as_its_typed_error(ModbusExceptionCode code)
    {
        await using var client = ModbusPeers.TcpClient(_port, TimeSpan.FromSeconds(2));

        await FunctionCodeConformance.AnswersExceptionCodeAsync(client, code);
    }

    [Fact]
    public async Task Several_unit_ids_behind_one_connection_each_get_their_own_replies()
    {
        await using var client = ModbusPeers.TcpClient(_port, TimeSpan.FromSeconds(2));

        var reads = Enumerable.Range(1, 20).Select(i => client.ReadHoldingRegistersAsync((byte)i, 3, 1, CancellationToken.None)).ToArray();
        var results = await Task.WhenAll(reads);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (ushort)((i * 100) + 3)), results.Select(r => r[0]));
    }

    [Fact]
    public async Task A_reply_later_than_the_timeout_is_a_timeout_and_never_the_next_requests_reply()
    {
        // The client counts its timeout on a fake clock that the test moves once the timeout is armed,
        // and the peer answers register 8000 only when the next read comes: neither depends on how
        // fast a loaded machine runs the test.
        var clock = new TimerWatchingClock();
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var client = new ModbusClient(
            ModbusStreamTransport.Tcp("127.0.0.1", _port, clock, NullLogger.Instance), new ModbusClientOptions { Timeout = timeout, Retries = 0 }, clock, NullLogger.Instance);

        var late = client.ReadHoldingRegistersAsync(1, 8000, 1, CancellationToken.None);
        var armed = await clock.ArmedAsync(timeout, within: TimeSpan.FromSeconds(20));
        clock.Advance(timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(armed.Fired, "the timeout fired before its time");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(armed.Fired, "the timeout did not fire at its time");
        var ex = await Assert.ThrowsAsync<ModbusTimeoutException>(() => late.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("no reply", ex.Message, StringComparison.Ordinal);
        Assert.Contains("within 300 ms", ex.Message, StringComparison.Ordinal);

        // The late reply (8000) comes just before the next read's own; each read still gets its own value.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new ushort[] { (ushort)(100 + i) }, await client.ReadHoldingRegistersAsync(1, (ushort)i, 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));
        }
    }
}
