using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class OcppTransactionStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("chargenet-ocpp-store-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Transaction_ids_are_unique_and_keep_counting_after_a_restart()
    {
        int first, second, third;
        using (var store = LiteEdgeStore.Open(_directory))
        {
            first = await OcppSessionLedger.Over(store).StartTransactionAsync(Start("CP1:m-1", "CP1"), CancellationToken.None);
            second = await OcppSessionLedger.Over(store).StartTransactionAsync(Start("CP2:m-1", "CP2"), CancellationToken.None);
        }

        using (var reopened = LiteEdgeStore.Open(_directory))
        {
            third = await OcppSessionLedger.Over(reopened).StartTransactionAsync(Start("CP1:m-2", "CP1"), CancellationToken.None);
        }

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        Assert.True(third > second && second > first, $"ids {first}, {second}, {third} must keep counting");
    }

    [Fact]
    public async Task A_repeated_start_gets_the_same_id_and_records_one_session()
    {
        using var store = LiteEdgeStore.Open(_directory);
        var id = await OcppSessionLedger.Over(store).StartTransactionAsync(Start("CP1:m-7", "CP1"), CancellationToken.None);
        var again = await OcppSessionLedger.Over(store).StartTransactionAsync(Start("CP1:m-7", "CP1"), CancellationToken.None);

        Assert.Equal(id, again);
        var open = Assert.Single(await store.Sessions.ListOpenAsync(CancellationToken.None));
        Assert.Equal(ChargerTransactionId.FromNumber(id), open.TransactionId);
        Assert.Equal("TAG-1", open.IdTag);
    }

    [Fact]
    public async Task A_stop_closes_the_session_with_its_energy_and_a_repeat_is_not_recorded_twice()
    {
        using var store = LiteEdgeStore.Open(_directory);
        var id = await OcppSessionLedger.Over(store).StartTransactionAsync(Start("CP1:m-1", "CP1", meterStartWh: 1_000), CancellationToken.None);
        var stop = Stop("CP1:m-2", "CP1", id, meterStopWh: 8_500);

        var first = await OcppSessionLedger.Over(store).StopTransactionAsync(stop, CancellationToken.None);
        var repeat = await OcppSessionLedger.Over(store).StopTransactionAsync(stop, CancellationToken.None);

        Assert.True(first.RecordedNow);
        Assert.False(repeat.RecordedNow);
        var session = Assert.Single(await store.Sessions.ListAsync(10, 0, null, CancellationToken.None));
        Assert.Equal(7_500, session.EnergyWh);
        Assert.Equal(T0.AddHours(2), session.StoppedAt);
        Assert.Equal("EVDisconnected", session.StopReason);
        Assert.Empty(await store.Sessions.ListOpenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_stop_for_a_transaction_never_seen_is_kept_as_a_session()
    {
        using var store = LiteEdgeStore.Open(_directory);
        var result = await OcppSessionLedger.Over(store).StopTransactionAsync(Stop("CP9:m-3", "CP9", -1, meterStopWh: 4_000), CancellationToken.None);

        Assert.True(result.RecordedNow);
        var session = Assert.Single(await store.Sessions.ListAsync(10, 0, "CP9", CancellationToken.None));
        Assert.Equal(ChargerTransactionId.FromNumber(-1), session.TransactionId);
    }

    private static OcppTransactionStart Start(string key, string chargePoint, long meterStartWh = 0) =>
        new(key, chargePoint, 1, "TAG-1", meterStartWh, T0, null);

    private static OcppTransactionStop Stop(string key, string chargePoint, int transactionId, long meterStopWh) =>
        new(key, chargePoint, transactionId, "TAG-1", meterStopWh, T0.AddHours(2), "EVDisconnected", Array.Empty<MeterValue>());
}
