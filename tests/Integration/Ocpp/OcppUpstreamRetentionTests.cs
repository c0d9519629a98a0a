using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "Retention": a charger's queue for the upstream is bounded — past the bound the
/// oldest message that belongs to no transaction is dropped, with an event; transaction messages are
/// never dropped. The queue in a real store file; a strict ocpp-rpc charge point and central system.
/// </summary>
public sealed class OcppUpstreamRetentionTests
{
    [Fact]
    public async Task Past_its_bound_the_queue_drops_its_oldest_messages_outside_transactions_and_never_a_transaction_message()
    {
        var dataDir = RealDiskDirectory.Create("chargenet-upstream-");
        try
        {
            var csms = await CsmsPeer.StartAsync();
            var port = csms.Port;
            await csms.DisposeAsync(); // down from the start
            using var store = LiteEdgeStore.Open(dataDir);
            var edge = await OcppUpstreamRelayTests.HostAsync(store, port, "RELAY-5", maxQueued: 3);
            await using var host = edge.Host;
            var relay = edge.Relay;
            await using var charger = await OcppPeer.StartAsync();
            await charger.ConnectAsync(host.BaseUrl, "RELAY-5");
            await OcppCoreMessagesTests.WaitUntilAsync(() => relay.StateOf("RELAY-5") is { Connected: false, Since: not null }, "the first try upstream failed");

            // Boot, status, start: three waiting. Each message past that drops the oldest one outside a transaction.
            await charger.CallOkAsync("BootNotification", OcppPayloads.Boot);
            await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Preparing"));
            var transaction = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-Q", 1000, "2026-12-02T08:00:00Z"))).GetProperty("transactionId").GetInt32();
            await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, transaction, 16, 16, 16, 32, 2000)); // drops the boot
            await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Charging")); // drops the first status
            await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, transaction, 16, 16, 16, 32, 3000)); // drops the second status
            await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, transaction, 16, 16, 16, 32, 4000)); // nothing left to drop
            await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(transaction, 5000, "2026-12-02T09:00:00Z"));
            Assert.Equal(5, await store.OcppUpstream.CountAsync("RELAY-5", CancellationToken.None));
            var dropped = host.Events.Events.Where(e => e.Code == "upstream.dropped").Select(e => e.Message).ToList();
            Assert.Equal(3, dropped.Count);
            Assert.Contains("a BootNotification queued at", dropped[0], StringComparison.Ordinal);
            Assert.All(dropped.Skip(1), m => Assert.Contains("a StatusNotification queued at", m, StringComparison.Ordinal));

            // The backend is back: the whole transaction goes up, in order, and nothing dropped.
            await using var back = await CsmsPeer.StartAsync(port);
            await back.WaitForCallsAsync("RELAY-5", 5);
            await OcppCoreMessagesTests.WaitUntilAsync(() => relay.StateOf("RELAY-5") is { Queued: 0 }, "the queue empty");
            Assert.Equal(0, await store.OcppUpstream.CountAsync("RELAY-5", CancellationToken.None));
            Assert.Equal(["StartTransaction", "MeterValues", "MeterValues", "MeterValues", "StopTransaction"], back.CallsOf("RELAY-5").Select(c => c.Action));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
