using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>What one charge point can make the edge keep (issue 14, item 14).</summary>
public sealed class OcppPerPeerStateTests
{
    [Fact]
    public async Task A_connector_id_beyond_the_configured_count_is_refused_and_keeps_no_state()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CONN-1", settings: new OcppChargerSettings { Connectors = 2 });
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "CONN-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);

        await peer.CallOkAsync("StatusNotification", OcppPayloads.Status(2, "Available"));
        foreach (var (action, payload) in new (string, object)[]
        {
            ("StatusNotification", OcppPayloads.Status(2_000_000_000, "Available")),
            ("MeterValues", OcppPayloads.Meter(3, null, 1, 1, 1, 16, 100)),
            ("StartTransaction", OcppPayloads.Start(3, "TAG", 0, "2026-11-24T05:00:00Z")),
        })
        {
            var refused = await peer.CallAsync(action, payload);
            Assert.False(refused.GetProperty("ok").GetBoolean(), action);
            Assert.Equal("PropertyConstraintViolation", refused.GetProperty("error").GetProperty("code").GetString());
        }

        Assert.Equal([2], host.Server.GetChargePoint("CONN-1").Connectors.Select(c => c.ConnectorId));
        Assert.Empty(host.Store.Starts);
        Assert.Empty(host.Store.MeterValues);
    }
}
