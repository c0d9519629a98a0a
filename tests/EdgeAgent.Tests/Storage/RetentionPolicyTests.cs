using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>What retention keeps and removes of OCPP records, sessions and configuration revisions, on a real file.</summary>
public sealed class RetentionPolicyTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(T0);
    private readonly TestStore _test = TestStore.Open(TestStore.File);

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task OCPP_message_keys_go_after_30_days_and_a_replay_older_than_that_is_recorded_again()
    {
        using var store = LiteEdgeStore.Open(_test.Directory!, _time);
        await OcppSessionLedger.Over(store).RecordMeterValuesAsync(MeterValues("CP1:mv-old"), None);
        _time.Advance(TimeSpan.FromDays(20));
        await OcppSessionLedger.Over(store).RecordMeterValuesAsync(MeterValues("CP1:mv-new"), None);
        _time.Advance(TimeSpan.FromDays(11));

        var removed = await Retention(store).SweepAsync(None);

        Assert.Equal(1, removed);
        Assert.Equal(1, await KeyCountAsync(store));
    }

    [Fact]
    public async Task A_finished_session_goes_after_90_days_only_once_its_outbox_copy_is_gone()
    {
        using var store = LiteEdgeStore.Open(_test.Directory!, _time);
        var id = await OcppSessionLedger.Over(store).StartTransactionAsync(new OcppTransactionStart("CP1:s", "CP1", 1, "TAG", 0, T0, null), None);
        await OcppSessionLedger.Over(store).StopTransactionAsync(new OcppTransactionStop("CP1:e", "CP1", id, "TAG", 5_000, T0.AddHours(1), "Local", Array.Empty<MeterValue>()), None);
        var session = (await store.Sessions.GetAsync($"ocpp-CP1-{id}", None))!;
        var queued = Assert.Single(await store.Outbox.PeekAsync(10, None)); // the stop wrote it with the session
        Assert.Equal(CloudTopics.Sessions, queued.Topic);
        var open = new ChargingSession("still-charging", "CP2", 1, null, null, T0, null, 0, null);
        await store.Sessions.UpsertAsync(open, None);
        _time.Advance(TimeSpan.FromDays(91));

        await Retention(store).SweepAsync(None);
        Assert.NotNull(await store.Sessions.GetAsync(session.Id, None)); // the cloud does not have it yet

        await store.Outbox.RemoveAsync(queued.Sequence, None); // the broker acknowledged it
        await Retention(store).SweepAsync(None);

        Assert.Null(await store.Sessions.GetAsync(session.Id, None));
        Assert.NotNull(await store.Sessions.GetAsync(open.Id, None)); // open sessions are never trimmed
        Assert.Equal(0, await KeyCountAsync(store));
    }

    [Fact]
    public async Task Only_the_newest_100_configuration_revisions_are_kept()
    {
        using var store = LiteEdgeStore.Open(_test.Directory!, _time);
        for (var i = 0; i < 105; i++)
        {
            await store.Revisions.AddAsync("{}", "test", null, T0, None);
        }

        Assert.Equal(5, await Retention(store).SweepAsync(None));

        var kept = await store.Revisions.ListAsync(1_000, 0, None);
        Assert.Equal(Enumerable.Range(6, 100).Reverse(), kept.Select(r => r.Number));
    }

    private RetentionService Retention(LiteEdgeStore store) =>
        new(store, _time, Options.Create(new RetentionOptions()), NullLogger<RetentionService>.Instance);

    private static OcppMeterValuesRecord MeterValues(string key) => new(key, "CP1", 1, null, Array.Empty<MeterValue>());

    private static Task<int> KeyCountAsync(LiteEdgeStore store) => Task.FromResult(((LiteOcppTransactionStore)store.OcppTransactions).KeyCount);
}
