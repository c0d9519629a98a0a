using System.Net.WebSockets;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// A clean stop closes the chargers' WebSockets with 1001 (going away, RFC 6455 section 7.4.1) instead of dropping them, and
/// the disconnects it causes are no <c>ocpp.disconnected</c> warnings (docs/ocpp.md, "When the edge stops").
/// </summary>
public sealed class OcppShutdownCloseTests
{
    [Fact]
    public async Task The_edge_stopping_closes_every_chargers_connection_with_1001_and_warns_of_none()
    {
        var host = await OcppTestHost.StartAsync();
        var events = host.Events;
        string[] ids = ["STOP-1", "STOP-2"];
        List<ClientWebSocket> sockets = [];
        try
        {
            foreach (var id in ids)
            {
                host.Registry.Add(id);
                var socket = new ClientWebSocket();
                socket.Options.AddSubProtocol("ocpp1.6");
                await socket.ConnectAsync(new Uri(host.BaseUrl + "/" + id), CancellationToken.None);
                sockets.Add(socket);
            }

            foreach (var id in ids)
            {
                var chargePoint = host.Server.GetChargePoint(id);
                await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.IsConnected, id + " admitted");
            }

            var closes = sockets.Select(CloseSeenAsync).ToList();
            await host.DisposeAsync();

            // On a dropped socket the charger reads an error, not a close (before: the host's stop timed out and aborted them).
            Assert.All(await Task.WhenAll(closes), seen => Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, seen));
            Assert.DoesNotContain(events.Events, e => e.Code == "ocpp.disconnected" && e.Severity == "warning");
            Assert.Equal(ids.Length, events.Events.Count(e => e.Code == "ocpp.disconnected" && e.Severity == "info"));
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
        }
    }

    [Fact]
    public async Task A_simulated_charger_that_is_stopped_closes_with_1001_instead_of_dropping_its_socket()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("SIM-STOP");
        var run = await SimulatedStationRun.V16Async(host, "SIM-STOP", [new TestOutlet()]);
        await OcppCoreMessagesTests.WaitUntilAsync(() => run.ChargePoint.BootState == OcppBootState.Accepted, "the simulator booted");

        await run.DisposeAsync();
        await host.DisconnectedAsync("SIM-STOP");

        // Before: "connection lost: The remote party closed the WebSocket connection without completing the close handshake."
        Assert.StartsWith("closed by the peer (1001", run.ChargePoint.LastDisconnectReason, StringComparison.Ordinal);
    }

    // What the charger saw when its connection ended: the close's status, or null when the socket dropped.
    private static async Task<WebSocketCloseStatus?> CloseSeenAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(OcppPeer.Timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", timeout.Token);
                    return received.CloseStatus;
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }
}
