using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// A charge point that queued transaction messages while offline and sends them again later: each
/// is recorded exactly once in the daemon's store, a real LiteDB file on the disk, also when the
/// edge restarted in between; messages for transactions the edge never saw are still recorded.
/// </summary>
public sealed class OcppOfflineReplayTests : IDisposable
{
    private readonly string _dataDir = RealDiskDirectory.Create("chargenet-replay-");

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Replayed_start_meter_values_and_stop_on_a_new_connection_are_recorded_exactly_once_in_the_store_file()
    {
        using var store = LiteEdgeStore.Open(_dataDir);
        await using var host = await OcppTestHost.StartAsync(store: OcppSessionLedger.Over(store), boots: store.OcppBoots);
        host.Registry.Add("REPLAY-1");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "REPLAY-1", client: "a");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");
        var start = OcppPayloads.Start(2, "TAG-R", 10_000, "2026-11-24T04:00:00Z");
        var transactionId = (await peer.CallOkAsync("StartTransaction", start, "a")).GetProperty("transactionId").GetInt32();
        var meter = OcppPayloads.Meter(2, transactionId, 10, 10, 10, 16, 12_000);
        await peer.CallOkAsync("MeterValues", meter, "a");
        await peer.CloseAsync("a");

        // The charge point did not hear the answers in time and sends its queue again on a new connection.
        await peer.ConnectAsync(host.BaseUrl, "REPLAY-1", client: "b");
        Assert.Equal(transactionId, (await peer.CallOkAsync("StartTransaction", start, "b")).GetProperty("transactionId").GetInt32());
        await peer.CallOkAsync("MeterValues", meter, "b");
        var stop = OcppPayloads.Stop(transactionId, 19_000, "2026-11-24T05:00:00Z");
        await peer.CallOkAsync("StopTransaction", stop, "b");
        await peer.CallOkAsync("StopTransaction", stop, "b");

        await AssertRecordedOnceAsync(store, transactionId);
    }

    [Fact]
    public async Task Messages_replayed_after_an_edge_restart_are_recorded_exactly_once_in_the_store_file()
    {
        var start = OcppPayloads.Start(2, "TAG-R", 10_000, "2026-11-24T04:00:00Z");
        int transactionId;
        object meter;
        await using var peer = await OcppPeer.StartAsync();
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            await using var host = await OcppTestHost.StartAsync(store: OcppSessionLedger.Over(store), boots: store.OcppBoots);
            host.Registry.Add("REPLAY-3");
            await peer.ConnectAsync(host.BaseUrl, "REPLAY-3", client: "a");
            await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");
            transactionId = (await peer.CallOkAsync("StartTransaction", start, "a")).GetProperty("transactionId").GetInt32();
            meter = OcppPayloads.Meter(2, transactionId, 10, 10, 10, 16, 12_000);
            await peer.CallOkAsync("MeterValues", meter, "a");
        }

        // The edge restarted (new process state, the same file); the charge point never heard the
        // answers and sends its queue again, then the stop, twice.
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            await using var host = await OcppTestHost.StartAsync(store: OcppSessionLedger.Over(store), boots: store.OcppBoots);
            host.Registry.Add("REPLAY-3");
            await peer.ConnectAsync(host.BaseUrl, "REPLAY-3", client: "b");
            Assert.Equal(transactionId, (await peer.CallOkAsync("StartTransaction", start, "b")).GetProperty("transactionId").GetInt32());
            await peer.CallOkAsync("MeterValues", meter, "b");
            var stop = OcppPayloads.Stop(transactionId, 19_000, "2026-11-24T05:00:00Z");
            await peer.CallOkAsync("StopTransaction", stop, "b");
            await peer.CallOkAsync("StopTransaction", stop, "b");
        }

        using var reopened = LiteEdgeStore.Open(_dataDir);
        await AssertRecordedOnceAsync(reopened, transactionId);
    }

    // One session (a second start would be a second one), closed with the energy of the one stop;
    // three message keys: the start, the meter values and the stop, each once.
    private static async Task AssertRecordedOnceAsync(LiteEdgeStore store, int transactionId)
    {
        var session = Assert.Single(await store.Sessions.ListAsync(100, 0, null, CancellationToken.None));
        Assert.Equal(ChargerTransactionId.FromNumber(transactionId), session.TransactionId);
        Assert.NotNull(session.StoppedAt);
        Assert.Equal(9000, session.EnergyWh);
        Assert.Equal(3, ((LiteOcppTransactionStore)store.OcppTransactions).KeyCount);
    }

    [Fact]
    public async Task Stops_and_meter_values_for_transactions_the_edge_never_saw_are_accepted_and_recorded()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("REPLAY-2");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "REPLAY-2");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);

        await peer.CallOkAsync("MeterValues", OcppPayloads.Meter(1, 4242, 6, 6, 6, 6, 700));
        var unknown = await peer.CallOkAsync("StopTransaction", new { transactionId = 4242, meterStop = 1000, timestamp = "2026-11-24T05:00:00Z", idTag = "TAG-X" });
        Assert.Equal("Accepted", unknown.GetProperty("idTagInfo").GetProperty("status").GetString());
        await peer.CallOkAsync("StopTransaction", OcppPayloads.Stop(-1, 2000, "2026-11-24T05:01:00Z"));

        Assert.Single(host.Store.MeterValues);
        Assert.Equal(2, host.Store.Sessions.Count);
        Assert.Contains(host.Store.Sessions, s => s.TransactionId == ChargerTransactionId.FromNumber(4242) && s.StartedAt is null && s.IdTag == "TAG-X");
        Assert.Contains(host.Store.Sessions, s => s.TransactionId == ChargerTransactionId.FromNumber(-1) && s.EnergyWh is null);
    }

    [Fact]
    public async Task Transaction_ids_are_unique_across_charge_points()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("IDS-1");
        host.Registry.Add("IDS-2");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "IDS-1", client: "a");
        await peer.ConnectAsync(host.BaseUrl, "IDS-2", client: "b");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "b");

        // The very same payload from two charge points is two transactions.
        var start = OcppPayloads.Start(1, "TAG", 0, "2026-11-24T05:00:00Z");
        var first = (await peer.CallOkAsync("StartTransaction", start, "a")).GetProperty("transactionId").GetInt32();
        var second = (await peer.CallOkAsync("StartTransaction", start, "b")).GetProperty("transactionId").GetInt32();
        Assert.NotEqual(first, second);
    }
}
