using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Integration.Tests.Peers;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The npm ocpp-rpc charge point (tests/peers/ocpp/charge-point.js), strict mode, driven by commands.</summary>
public sealed class OcppPeer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly NodePeer _node;

    private OcppPeer(NodePeer node)
    {
        _node = node;
    }

    public string Output => _node.Output;

    public static async Task<OcppPeer> StartAsync() => new(await NodePeer.StartAsync("ocpp/charge-point.js", []));

    /// <summary>Runs one command and returns its result object (<c>ok</c>, and <c>payload</c> or <c>error</c>).</summary>
    public Task<JsonElement> CommandAsync(JsonObject command) => _node.CommandAsync(command, Timeout);

    public Task<JsonElement> ConnectAsync(string baseUrl, string identity, string? password = null, string client = "a", string[]? protocols = null, string? caPem = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var command = new JsonObject { ["op"] = "connect", ["url"] = baseUrl, ["identity"] = identity, ["client"] = client };
        if (headers is not null)
        {
            command["headers"] = new JsonObject([.. headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))]);
        }

        if (caPem is not null)
        {
            command["caPem"] = caPem;
        }

        if (password is not null)
        {
            command["password"] = password;
        }

        if (protocols is not null)
        {
            command["protocols"] = new JsonArray([.. protocols.Select(p => (JsonNode)p)]);
        }

        return CommandAsync(command);
    }

    /// <summary>The HTTP status a refused connect got.</summary>
    public static int RefusalStatus(JsonElement result)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), result.ToString());
        return result.GetProperty("error").GetProperty("status").GetInt32();
    }

    /// <summary>Makes a strict-mode call; returns the result object.</summary>
    public Task<JsonElement> CallAsync(string action, object payload, string client = "a") =>
        CommandAsync(new JsonObject { ["op"] = "call", ["action"] = action, ["payload"] = JsonSerializer.SerializeToNode(payload, Json), ["client"] = client });

    /// <summary>Makes a call that must succeed and returns its payload.</summary>
    public async Task<JsonElement> CallOkAsync(string action, object payload, string client = "a")
    {
        var result = await CallAsync(action, payload, client);
        Assert.True(result.GetProperty("ok").GetBoolean(), $"{action} failed: {result}\n{Output}");
        return result.GetProperty("payload");
    }

    /// <summary>Sends a raw text frame and returns the first message received that starts with <paramref name="replyPrefix"/>.</summary>
    public async Task<JsonElement> SendRawAsync(string data, string replyPrefix, string client = "a")
    {
        var reply = _node.WaitForLineAsync($"MSG {client} {replyPrefix}", Timeout);
        await CommandAsync(new JsonObject { ["op"] = "raw", ["data"] = data, ["client"] = client });
        return JsonDocument.Parse(replyPrefix + await reply).RootElement.Clone();
    }

    /// <summary>Starts waiting for the central system's next call of <paramref name="action"/>; await the task for its payload.</summary>
    public static async Task<JsonElement> WaitForIncomingCallAsync(Task<string> line) => JsonDocument.Parse(await line).RootElement.Clone();

    public Task<string> ExpectIncomingCall(string action, string client = "a") => _node.WaitForLineAsync($"INCALL {client} {action} ", Timeout);

    public Task<string> ExpectClosed(string client = "a") => _node.WaitForLineAsync($"CLOSED {client} ", Timeout);

    public Task<JsonElement> SetReplyAsync(string action, object reply) =>
        CommandAsync(new JsonObject { ["op"] = "respond", ["action"] = action, ["reply"] = JsonSerializer.SerializeToNode(reply, Json) });

    /// <summary>An OCPP 2.0.1 station's device model: <c>variables</c> ("Component.Variable" → value), <c>refuse</c> (names it will not set), <c>report</c> (NotifyReport items sent after a GetBaseReport), <c>reportPart</c>.</summary>
    public Task<JsonElement> SetStationAsync(object station) =>
        CommandAsync(new JsonObject { ["op"] = "station", ["station"] = JsonSerializer.SerializeToNode(station, Json) });

    /// <summary>Starts waiting for the end of the base report a station sends after a GetBaseReport.</summary>
    public Task<string> ExpectReported(string client = "a") => _node.WaitForLineAsync($"REPORTED {client} ", Timeout);

    /// <summary>Closes a client's connection: with the close handshake, or with <paramref name="force"/> by dropping the socket as a rebooting charger does.</summary>
    public Task<JsonElement> CloseAsync(string client = "a", int code = 1000, bool force = false) =>
        CommandAsync(new JsonObject { ["op"] = "close", ["client"] = client, ["code"] = code, ["force"] = force });

    /// <summary>An HTTP request with the charge point's own client (node http/https): the status and the body.</summary>
    public async Task<(int Status, byte[] Body)> HttpAsync(string method, string url, byte[]? body = null)
    {
        var command = new JsonObject { ["op"] = "http", ["method"] = method, ["url"] = url };
        if (body is not null)
        {
            command["bodyBase64"] = Convert.ToBase64String(body);
        }

        var result = await CommandAsync(command);
        Assert.True(result.GetProperty("ok").GetBoolean(), $"http {method} {url} failed: {result}");
        return (result.GetProperty("status").GetInt32(), Convert.FromBase64String(result.GetProperty("bodyBase64").GetString()!));
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
