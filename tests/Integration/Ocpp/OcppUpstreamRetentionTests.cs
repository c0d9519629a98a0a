using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Foundation;
using LiteDB;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "Retention": a charger's queue for the upstream is bounded — past the bound the
/// oldest message that belongs to no transaction is dropped, with an event; transaction messages are
/// never dropped — and what was delivered is forgotten past the newest kept, so the store file does
/// not grow with every message relayed. The queue in a real store file; a strict ocpp-rpc charge point
/// and central system.
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

    [Fact]
    public async Task Delivered_messages_are_forgotten_past_the_newest_kept_so_the_store_stays_bounded_and_a_repeat_is_still_recognised()
    {
        const int Keep = 10;
        var dataDir = RealDiskDirectory.Create("chargenet-upstream-");
        try
        {
            await using var csms = await CsmsPeer.StartAsync();
            await using var charger = await OcppPeer.StartAsync();
            using (var store = LiteEdgeStore.Open(dataDir))
            {
                await using var host = (await OcppUpstreamRelayTests.HostAsync(store, csms.Port, "RELAY-6", keepDone: Keep)).Host;
                await charger.ConnectAsync(host.BaseUrl, "RELAY-6");
                await charger.CallOkAsync("BootNotification", OcppPayloads.Boot);

                // Two sessions, 60 meter values: the first one's stop is forgotten long before the end, and its id mapping with it.
                var first = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-F", 1000, "2026-12-02T08:00:00Z"))).GetProperty("transactionId").GetInt32();
                for (var i = 0; i < 40; i++)
                {
                    await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, first, 16, 16, 16, 32, 2000 + i));
                }

                await charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(first, 5000, "2026-12-02T09:00:00Z"));
                var second = (await charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-F", 5000, "2026-12-02T10:00:00Z"))).GetProperty("transactionId").GetInt32();
                for (var i = 0; i < 20; i++)
                {
                    await charger.CallOkAsync("MeterValues", OcppPayloads.Meter(1, second, 16, 16, 16, 32, 6000 + i));
                }

                var stop = OcppPayloads.Stop(second, 9000, "2026-12-02T11:00:00Z");
                await charger.CallOkAsync("StopTransaction", stop);
                await csms.WaitForCallsAsync("RELAY-6", 65);

                // The charger sends its last stop again (it missed the answer): still recognised, not sent again.
                await charger.CallOkAsync("StopTransaction", stop);
                await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Available"));
                var calls = await csms.WaitForCallsAsync("RELAY-6", 66);
                Assert.Equal(["StopTransaction", "StatusNotification"], calls.Skip(64).Select(c => c.Action));
                Assert.Equal(calls[2].Payload.GetProperty("transactionId").GetInt32() + 1, calls[64].Payload.GetProperty("transactionId").GetInt32());
            }

            // In the file: the newest kept (and at most the tenth of them not yet forgotten), the second session's mapping only.
            using var file = new LiteDatabase(new ConnectionString { Filename = Path.Combine(dataDir, LiteEdgeStore.FileName), ReadOnly = true });
            Assert.InRange(file.GetCollection("ocpp_upstream_outbox").Count(), Keep, Keep + (Keep / 10));
            Assert.Equal(1, file.GetCollection("ocpp_upstream_transactions").Count());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
