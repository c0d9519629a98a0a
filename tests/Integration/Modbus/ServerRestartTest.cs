using ChargeNet.Drivers.Modbus;
using ChargeNet.Integration.Tests.Peers;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>The modbus-serial TCP server goes away and comes back on the same port.</summary>
public sealed class ServerRestartTest : IAsyncLifetime
{
    private NodePeer? _peer;
    private int _port;

    public async Task InitializeAsync() => (_peer, _port) = await ModbusPeers.StartTcpAsync("modbus/server.js");

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_the_server_restarts_the_client_reconnects_by_itself()
    {
        await using var client = ModbusPeers.TcpClient(_port, TimeSpan.FromMilliseconds(500));
        Assert.Equal(new ushort[] { 101 }, await client.ReadHoldingRegistersAsync(1, 1, 1, CancellationToken.None));

        await _peer!.DisposeAsync();
        await Assert.ThrowsAnyAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(1, 1, 1, CancellationToken.None));
        (_peer, _) = await ModbusPeers.StartTcpAsync("modbus/server.js", _port);

        await ModbusPeers.ReadsAgainAsync(client, 2, 102, TimeSpan.FromSeconds(10));
    }
}
