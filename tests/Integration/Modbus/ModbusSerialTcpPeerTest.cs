using System.Diagnostics;
using ChargeNet.Drivers.Modbus;

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
        await using var client = ModbusPeers.TcpClient(_port, TimeSpan.FromMilliseconds(300));

        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadHoldingRegistersAsync(1, 8000, 1, CancellationToken.None));
        stopwatch.Stop();
        Assert.Contains("no reply", ex.Message, StringComparison.Ordinal);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 250, 1400);

        // The late reply (8000) comes while these wait; each still gets its own value.
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(new ushort[] { (ushort)(100 + i) }, await client.ReadHoldingRegistersAsync(1, (ushort)i, 1, CancellationToken.None));
            await Task.Delay(150);
        }
    }
}
