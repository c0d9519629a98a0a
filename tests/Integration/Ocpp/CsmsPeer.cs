using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Peers;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The npm ocpp-rpc central system (tests/peers/ocpp/csms.js), strict mode: the operator's backend upstream of the edge.</summary>
public sealed class CsmsPeer : IAsyncDisposable
{
    private readonly NodePeer _node;

    private CsmsPeer(NodePeer node, int port)
    {
        _node = node;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>ws://127.0.0.1:{port}/ocpp/</c>: the edge appends the charger's upstream id.</summary>
    public string BaseUrl => $"ws://127.0.0.1:{Port}/ocpp/";

    public string Output => _node.Output;

    /// <summary>Starts the peer on <paramref name="port"/> (0: one the OS picks).</summary>
    public static async Task<CsmsPeer> StartAsync(int port = 0)
    {
        var node = await NodePeer.StartAsync("ocpp/csms.js", [port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return new CsmsPeer(node, JsonDocument.Parse(node.ReadyInfo).RootElement.GetProperty("port").GetInt32());
    }

    /// <summary>Starts waiting for the charge point <paramref name="identity"/> to connect; the task gives its protocol and Basic password.</summary>
    public async Task<JsonElement> WaitConnectedAsync(string identity) =>
        JsonDocument.Parse(await _node.WaitForLineAsync($"CONNECTED {identity} ", OcppPeer.Timeout)).RootElement.Clone();

    /// <summary>The calls the charge point <paramref name="identity"/> made so far, in order: (action, message id, payload).</summary>
    public IReadOnlyList<(string Action, string MessageId, JsonElement Payload)> CallsOf(string identity) =>
        [.. Output.Split('\n')
            .Where(l => l.StartsWith($"CALL {identity} ", StringComparison.Ordinal))
            .Select(l => l.TrimEnd('\r')[$"CALL {identity} ".Length..].Split(' ', 3))
            .Select(p => (p[0], p[1], JsonDocument.Parse(p[2]).RootElement.Clone()))];

    /// <summary>Polls until <paramref name="identity"/> made <paramref name="count"/> calls, or fails with what it got.</summary>
    public async Task<IReadOnlyList<(string Action, string MessageId, JsonElement Payload)>> WaitForCallsAsync(string identity, int count)
    {
        var deadline = DateTime.UtcNow + OcppPeer.Timeout;
        while (CallsOf(identity).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var calls = CallsOf(identity);
        Assert.True(calls.Count >= count, $"{identity} made {calls.Count} of {count} calls upstream:\n{Output}");
        return calls;
    }

    /// <summary>A call of the central system to a connected charge point; the result object (<c>ok</c>, <c>payload</c> or <c>error</c>).</summary>
    public Task<JsonElement> CallAsync(string identity, string action, JsonObject payload) =>
        _node.CommandAsync(new JsonObject { ["op"] = "call", ["identity"] = identity, ["action"] = action, ["payload"] = payload }, OcppPeer.Timeout);

    /// <summary>The answer to <paramref name="action"/> from now on.</summary>
    public Task<JsonElement> SetReplyAsync(string action, JsonObject reply) =>
        _node.CommandAsync(new JsonObject { ["op"] = "respond", ["action"] = action, ["reply"] = reply }, OcppPeer.Timeout);

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
