using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>
/// What every <see cref="IOcppTransactionStore"/> must do, as tests an adapter inherits: the
/// in-memory store here, the daemon's LiteDB store in its own test project (override
/// <see cref="ReopenAsync"/> to close and open the file, proving ids survive a restart).
/// </summary>
public abstract class OcppTransactionStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<IOcppTransactionStore> CreateAsync();

    /// <summary>The same store after a restart of the daemon.</summary>
    protected abstract Task<IOcppTransactionStore> ReopenAsync(IOcppTransactionStore store);

    [Fact]
    public async Task Ids_are_unique_the_same_key_gets_the_same_id_and_ids_survive_a_restart()
    {
        var store = await CreateAsync();
        var first = await store.StartTransactionAsync(Start("k1", "CP1"), CancellationToken.None);
        var second = await store.StartTransactionAsync(Start("k2", "CP2"), CancellationToken.None);
        Assert.NotEqual(first, second);
        Assert.Equal(first, await store.StartTransactionAsync(Start("k1", "CP1"), CancellationToken.None));

        store = await ReopenAsync(store);
        Assert.Equal(second, await store.StartTransactionAsync(Start("k2", "CP2"), CancellationToken.None));
        var third = await store.StartTransactionAsync(Start("k3", "CP1"), CancellationToken.None);
        Assert.DoesNotContain(third, new[] { first, second });
    }

    [Fact]
    public async Task A_stop_is_recorded_once_with_its_session_also_for_an_unknown_transaction()
    {
        var store = await CreateAsync();
        var id = await store.StartTransactionAsync(Start("s1", "CP1"), CancellationToken.None);
        var stopped = await store.StopTransactionAsync(Stop("x1", id, 4000), CancellationToken.None);
        Assert.True(stopped.RecordedNow);
        Assert.Equal((1, "TAG", 3000.0), (stopped.Session.ConnectorId, stopped.Session.IdTag, stopped.Session.EnergyWh));

        store = await ReopenAsync(store);
        var again = await store.StopTransactionAsync(Stop("x1", id, 4000), CancellationToken.None);
        Assert.False(again.RecordedNow);
        Assert.Equal(stopped.Session.Id, again.Session.Id);

        var orphan = await store.StopTransactionAsync(Stop("x2", -1, 500), CancellationToken.None);
        Assert.True(orphan.RecordedNow);
        Assert.Null(orphan.Session.StartedAt);
        Assert.NotEqual(stopped.Session.Id, orphan.Session.Id);
    }

    [Fact]
    public async Task The_connector_a_start_named_is_found_by_id_and_charge_point_also_after_a_restart()
    {
        // A 2.0.1 event that names no EVSE finds its EVSE here after an edge restart (docs/ocpp.md, "OCPP 2.0.1").
        var store = await CreateAsync();
        var id = await store.StartTransactionAsync(Start("c1", "CP1"), CancellationToken.None);
        store = await ReopenAsync(store);
        Assert.Equal(1, await store.FindStartConnectorAsync(id, "CP1", CancellationToken.None));
        Assert.Null(await store.FindStartConnectorAsync(id, "CP2", CancellationToken.None));
        Assert.Null(await store.FindStartConnectorAsync(id + 1000, "CP1", CancellationToken.None));
    }

    [Fact]
    public async Task A_stop_from_another_charge_point_never_joins_a_transaction_it_did_not_start()
    {
        var store = await CreateAsync();
        var id = await store.StartTransactionAsync(Start("o1", "CP2"), CancellationToken.None);
        Assert.Equal("CP2", await store.FindTransactionOwnerAsync(id, CancellationToken.None));
        Assert.Null(await store.FindTransactionOwnerAsync(id + 1000, CancellationToken.None));

        var forged = await store.StopTransactionAsync(Stop("o2", id, 9000), CancellationToken.None);
        Assert.Null(forged.Session.StartedAt);
        Assert.Equal("CP1", forged.Session.ChargePointId);
        Assert.NotEqual($"ocpp-CP2-{id}", forged.Session.Id);
    }

    private static OcppTransactionStart Start(string key, string chargePointId) => new(key, chargePointId, 1, "TAG", 1000, T0, null);

    private static OcppTransactionStop Stop(string key, int transactionId, long meterStopWh) =>
        new(key, "CP1", transactionId, "TAG", meterStopWh, T0.AddHours(1), "Local", Array.Empty<MeterValue>());
}
