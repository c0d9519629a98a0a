using System.Text.Json;
using ChargeNet.Integration.Tests.Peers;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// A real MQTT 3.1.1-only broker (npm aedes, <c>tests/peers/mqtt/broker311.js</c>) on a loopback port: it
/// refuses an MQTT 5 CONNECT as a 3.1.1 broker does. It prints each CONNECT it gets (client id, protocol
/// level), so a test can see what the link tried. A missing node or package fails the test (NodePeer).
/// </summary>
internal sealed class Mqtt311Broker : IAsyncDisposable
{
    private readonly NodePeer _peer;

    private Mqtt311Broker(NodePeer peer, int port)
    {
        _peer = peer;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Everything the broker printed so far.</summary>
    public string Output => _peer.Output;

    public static async Task<Mqtt311Broker> StartAsync()
    {
        var peer = await NodePeer.StartAsync("mqtt/broker311.js", ["0"]);
        return new Mqtt311Broker(peer, JsonDocument.Parse(peer.ReadyInfo).RootElement.GetProperty("port").GetInt32());
    }

    /// <summary>The protocol levels (4 = 3.1.1, 5 = MQTT 5) of the CONNECTs from <paramref name="clientId"/>, in order.</summary>
    public IReadOnlyList<int> ConnectLevelsOf(string clientId) => [.. Output
        .Split('\n')
        .Where(l => l.StartsWith("CONNECT ", StringComparison.Ordinal))
        .Select(l => JsonDocument.Parse(l["CONNECT ".Length..]).RootElement)
        .Where(j => j.GetProperty("clientId").GetString() == clientId)
        .Select(j => j.GetProperty("protocolVersion").GetInt32())];

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
