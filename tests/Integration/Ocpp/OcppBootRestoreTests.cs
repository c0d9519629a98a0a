using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The edge restarts, the chargers do not: a charger whose boot was accepted before is accepted at
/// once when it reconnects (OCPP 1.6 section 4.2: a BootNotification comes only after a (re)boot),
/// over the real LiteDB store file, with a new Kestrel host on the same data directory.
/// </summary>
public sealed class OcppBootRestoreTests
{
    [Fact]
    public async Task A_charger_that_reconnects_after_the_edge_restarted_is_accepted_without_booting_again()
    {
        var dataDir = Directory.CreateTempSubdirectory("ocpp-boot-restore-").FullName;
        try
        {
            await using var peer = await OcppPeer.StartAsync();
            using (var store = LiteEdgeStore.Open(dataDir))
            {
                var before = await OcppTestHost.StartAsync(store: OcppSessionLedger.Over(store), boots: store.OcppBoots);
                before.Registry.Add("RESTART-1");
                before.Registry.Add("NEVER-BOOTED");
                await peer.ConnectAsync(before.BaseUrl, "RESTART-1");
                await peer.CallOkAsync("BootNotification", new { chargePointVendor = "Vendor-R", chargePointModel = "Model-R", chargePointSerialNumber = "SN-7", firmwareVersion = "4.2" });
                await peer.CallOkAsync("Heartbeat", new { });
                var closed = peer.ExpectClosed();
                await before.DisposeAsync();
                await closed;
            }

            using var reopened = LiteEdgeStore.Open(dataDir);
            await using var after = await OcppTestHost.StartAsync(store: OcppSessionLedger.Over(reopened), boots: reopened.OcppBoots);
            after.Registry.Add("RESTART-1");
            after.Registry.Add("NEVER-BOOTED");

            var refresh = peer.ExpectIncomingCall("TriggerMessage");
            Assert.True((await peer.ConnectAsync(after.BaseUrl, "RESTART-1")).GetProperty("ok").GetBoolean());
            // The first call after the restart is a StatusNotification, not a BootNotification: accepted and acted on.
            await peer.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Charging"));
            await peer.CallOkAsync("Heartbeat", new { });
            var chargePoint = after.Server.GetChargePoint("RESTART-1");
            Assert.Equal((ConnectorState.Charging, "Charging"), (chargePoint.GetConnector(1).State, chargePoint.GetConnector(1).Status));
            Assert.Equal(("Vendor-R", "Model-R", "SN-7", "4.2"), (chargePoint.BootInfo!.Vendor, chargePoint.BootInfo.Model, chargePoint.BootInfo.SerialNumber, chargePoint.BootInfo.FirmwareVersion));
            // The edge asks for a fresh BootNotification all the same, to learn of changes while it was away.
            Assert.Equal("BootNotification", (await OcppPeer.WaitForIncomingCallAsync(refresh)).GetProperty("requestedMessage").GetString());

            // A charger the store has no boot for is still held to the rule.
            var stranger = await peer.ConnectAsync(after.BaseUrl, "NEVER-BOOTED", client: "b");
            Assert.True(stranger.GetProperty("ok").GetBoolean());
            var refused = await peer.CallAsync("Heartbeat", new { }, client: "b");
            Assert.Equal("SecurityError", refused.GetProperty("error").GetProperty("code").GetString());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
