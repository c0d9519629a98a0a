using ChargeNet.Integration.Tests.Peers;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>One Modbus TCP peer (a script under tests/peers/modbus) shared by the tests of a class.</summary>
public abstract class TcpPeerFixture(string script) : IAsyncLifetime
{
    public NodePeer? Peer { get; private set; }

    public int Port { get; private set; }

    public async Task InitializeAsync() => (Peer, Port) = await ModbusPeers.StartTcpAsync(script);

    public async Task DisposeAsync()
    {
        if (Peer is not null)
        {
            await Peer.DisposeAsync();
        }
    }
}
