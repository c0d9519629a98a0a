using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.Transport;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>
/// A CALL its caller gives up while its frame is still being written, over a real TCP socket and .NET's own WebSocket (the one
/// Kestrel and ClientWebSocket use). A WebSocket send cancelled mid-frame aborts the socket — the charger's whole connection —
/// so the caller's token must end only the wait (docs/ocpp.md, "A call given up"; docs/control-loop-sessions.md, Session 16, "One give-up").
/// </summary>
public sealed class OcppGivenUpCallTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_call_given_up_mid_frame_ends_its_wait_and_the_frame_is_written_whole_on_a_connection_that_stays_open()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var peerSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await peerSocket.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var edgeSocket = await listener.AcceptSocketAsync();
        edgeSocket.SendBufferSize = 4096;

        using var edgeWebSocket = WebSocket.CreateFromStream(new NetworkStream(edgeSocket), new WebSocketCreationOptions { IsServer = true });
        using var peer = WebSocket.CreateFromStream(new NetworkStream(peerSocket), new WebSocketCreationOptions { IsServer = false });
        var validator = await OcppSchemaValidator.LoadAsync(ChargeNet.Drivers.Ocpp.OcppVersion.V16, CancellationToken.None);
        await using var connection = new OcppRpcConnection(new WebSocketOcppTransport(edgeWebSocket, 64 * 1024, "peer"), new NoCalls(), validator,
            new OcppRpcOptions(), TimeProvider.System, NullLogger.Instance);
        var run = connection.RunAsync(CancellationToken.None);

        // A frame far larger than the socket buffers: its write blocks until the peer reads, which it does not yet.
        var big = JsonSerializer.SerializeToElement(new { vendorId = "test", data = new string('x', 2_000_000) });
        using var giveUp = new CancellationTokenSource();
        var call = connection.CallAsync("DataTransfer", big, giveUp.Token);
        for (var until = DateTime.UtcNow + Deadline; peerSocket.Available == 0 && DateTime.UtcNow < until;)
        {
            await Task.Delay(10); // polls, with a deadline, for the first bytes of the frame at the peer
        }

        Assert.True(peerSocket.Available > 0, "the frame's write has begun");
        Assert.False(call.IsCompleted, "the frame's write waits for the peer");

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Deadline));
        Assert.Equal(WebSocketState.Open, edgeWebSocket.State);

        // The peer reads on: the given-up CALL arrives whole, and the connection carries the next call and its answer.
        var givenUp = await ReceiveAsync(peer);
        Assert.Equal("DataTransfer", givenUp[2].GetString());
        Assert.Equal(2_000_000, givenUp[3].GetProperty("data").GetString()!.Length);
        var next = connection.CallAsync("ClearCache", JsonDocument.Parse("{}").RootElement, CancellationToken.None);
        var sent = await ReceiveAsync(peer);
        Assert.Equal("ClearCache", sent[2].GetString());
        await peer.SendAsync(Encoding.UTF8.GetBytes($"[3,\"{sent[1].GetString()}\",{{\"status\":\"Accepted\"}}]"), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Equal("Accepted", (await next.WaitAsync(Deadline)).GetProperty("status").GetString());
        Assert.False(run.IsCompleted);

        await connection.CloseAsync(1000, "done", CancellationToken.None);
    }

    private static async Task<JsonElement> ReceiveAsync(WebSocket peer)
    {
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var received = await peer.ReceiveAsync(buffer, deadline.Token);
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    private sealed class NoCalls : IOcppCallHandler
    {
        public ValueTask<ChargeNet.Drivers.Ocpp.Framing.OcppFrame> HandleAsync(ChargeNet.Drivers.Ocpp.Framing.OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the peer sends no calls here");
    }
}
