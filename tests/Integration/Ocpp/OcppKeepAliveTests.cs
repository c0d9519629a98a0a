using System.Net.Sockets;
using System.Text;
using ChargeNet.Drivers.Ocpp.CentralSystem;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>WebSocket ping/pong keep-alive: a charger that stops answering pings is dropped.</summary>
public sealed class OcppKeepAliveTests
{
    [Fact]
    public async Task A_connection_that_answers_no_ping_is_dropped_and_reported()
    {
        await using var host = await OcppTestHost.StartAsync(new OcppServerOptions
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(200),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(300),
            BootTriggerDelay = TimeSpan.FromMinutes(10),
        });
        host.Registry.Add("MUTE-1");
        var uri = new Uri(host.BaseUrl + "/MUTE-1");

        // A hand-made upgrade on a raw socket: after the 101 it never reads again, so it never answers a ping.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var upgrade = $"GET {uri.AbsolutePath} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(upgrade));
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer);
        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);

        var chargePoint = host.Server.GetChargePoint("MUTE-1");
        await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.IsConnected, "the raw connection is admitted");
        await OcppCoreMessagesTests.WaitUntilAsync(() => !chargePoint.IsConnected, "the silent connection is dropped");
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.disconnected" && e.ChargePointId == "MUTE-1");

        // The half-open charger reads offline, and its last contact is no later than the last pong it could have sent.
        var status = await new ChargeNet.Drivers.Ocpp.OcppCharger(host.Server, "MUTE-1").ReadStatusAsync(CancellationToken.None);
        Assert.False(status.Online);
        Assert.NotNull(status.LastContactAt);
        Assert.True(status.LastContactAt <= DateTimeOffset.UtcNow);
    }
}
