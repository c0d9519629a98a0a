using System.Text.Json;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Sessions;

/// <summary>The one producer of session records, on a real LiteDB file: usage, tariff and cost, and one write with the outbox copy.</summary>
public sealed class SessionRecorderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TestStore _test = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task Idle_is_time_offered_the_minimum_but_drawing_under_1_A_and_time_held_paused_is_never_idle()
    {
        var recorder = new SessionRecorder(_test.Store, _time);
        var opened = await recorder.OpenAsync(Derived("s-1", T0, registerWh: 10_000), None);

        // 10 min charging, 20 min paused by the balancer (drawing nothing), 45 min offered 6 A and drawing 0.4 A, then charging.
        Observe(recorder, T0, offeredA: 16, drawnA: 15.8, registerWh: 10_000);
        Observe(recorder, T0.AddMinutes(10), offeredA: 0, drawnA: 0, registerWh: 12_500);
        Observe(recorder, T0.AddMinutes(30), offeredA: 6, drawnA: 0.4, registerWh: 12_500);
        Observe(recorder, T0.AddMinutes(75), offeredA: 16, drawnA: 16, registerWh: 12_510);
        Observe(recorder, T0.AddMinutes(90), offeredA: 16, drawnA: 16, registerWh: 16_000);

        var finished = await recorder.FinishAsync(opened with { StoppedAt = T0.AddMinutes(90), EnergyWh = 6_000, StopReason = "EVDisconnected" }, None);

        Assert.Equal(TimeSpan.FromMinutes(45), finished.Usage.Idle);
        Assert.Equal(TimeSpan.FromMinutes(20), finished.Usage.Paused);
        Assert.Equal([10_000m, 12_500m, 12_500m, 12_510m, 16_000m], finished.Usage.Readings.Select(r => r.RegisterWh));
        Assert.Equal([new TimeRange(T0.AddMinutes(30), T0.AddMinutes(75))], finished.Usage.IdleSpans);
        Assert.Null(recorder.OpenOn("wb-1", 1));

        // What the store keeps is that record, after a restart too.
        _test.Reopen();
        Assert.Equal(finished, await _test.Store.Sessions.GetAsync("s-1", None));
    }

    [Fact]
    public void The_idle_rule_tells_paused_from_idle_and_unknown_counts_as_neither()
    {
        Assert.Equal(ConnectorUse.Paused, ConnectorUses.Of(offeredA: 0, minimumA: 6, drawnA: 0));
        Assert.Equal(ConnectorUse.Paused, ConnectorUses.Of(offeredA: 5.9, minimumA: 6, drawnA: 0.2));
        Assert.Equal(ConnectorUse.Idle, ConnectorUses.Of(offeredA: 6, minimumA: 6, drawnA: 0.99));
        Assert.Equal(ConnectorUse.Charging, ConnectorUses.Of(offeredA: 6, minimumA: 6, drawnA: 1.0));
        Assert.Equal(ConnectorUse.Unknown, ConnectorUses.Of(offeredA: null, minimumA: 6, drawnA: 0));
        Assert.Equal(ConnectorUse.Unknown, ConnectorUses.Of(offeredA: 16, minimumA: 6, drawnA: null));
    }

    [Fact]
    public async Task A_finished_session_and_its_outbox_copy_are_one_write_and_neither_is_kept_when_the_copy_cannot_be_written()
    {
        var open = Derived("s-2", T0, registerWh: 0);
        await _test.Store.Sessions.UpsertAsync(open, None);
        var finished = open with { StoppedAt = T0.AddHours(1), EnergyWh = 7_000, StopReason = "EVDisconnected" };

        // LiteDB refuses a document over 16 MiB: the copy fails after the session was written in the same transaction.
        var tooLarge = new OutboxCopy(CloudTopics.Sessions, new string('x', 17 * 1024 * 1024), T0);
        await Assert.ThrowsAnyAsync<Exception>(() => _test.Store.Sessions.SaveAsync(finished, tooLarge, None));
        Assert.Null((await _test.Store.Sessions.GetAsync("s-2", None))!.StoppedAt);
        Assert.Equal(0, await _test.Store.Outbox.CountAsync(None));

        await _test.Store.Sessions.SaveAsync(finished, new OutboxCopy(CloudTopics.Sessions, CloudPayloads.Session(finished), T0), None);
        _test.Reopen();
        Assert.Equal(finished, await _test.Store.Sessions.GetAsync("s-2", None));
        Assert.Contains("s-2", Assert.Single(await _test.Store.Outbox.PeekAsync(10, None)).Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OCPP_transaction_keeps_its_meter_readings_and_its_stop_writes_the_session_and_one_copy_exactly_once_across_a_restart()
    {
        var ledger = OcppSessionLedger.Over(_test.Store, _time);
        var id = await ledger.StartTransactionAsync(new OcppTransactionStart("CP1:start", "CP1", 1, "TAG", 1_000, T0, null), None);
        var values = new OcppMeterValuesRecord("CP1:mv-1", "CP1", 1, id,
        [
            new MeterValue(T0.AddMinutes(15), [new SampledValue("1.5", Measurand: "Energy.Active.Import.Register", Unit: "kWh"), new SampledValue("16", Measurand: "Current.Import", Unit: "A")]),
            new MeterValue(T0.AddMinutes(30), [new SampledValue("2600"), new SampledValue("900", Phase: "L1")]),
        ]);
        await ledger.RecordMeterValuesAsync(values, None);
        await ledger.RecordMeterValuesAsync(values, None); // a repeat adds nothing
        var stop = new OcppTransactionStop("CP1:stop", "CP1", id, "TAG", 4_000, T0.AddMinutes(45), "Local", []);
        Assert.True((await ledger.StopTransactionAsync(stop, None)).RecordedNow);

        _test.Reopen();
        var again = await OcppSessionLedger.Over(_test.Store, _time).StopTransactionAsync(stop, None); // replayed after a restart
        Assert.False(again.RecordedNow);

        var session = (await _test.Store.Sessions.GetAsync($"ocpp-CP1-{id}", None))!;
        Assert.Equal(3_000, session.EnergyWh);
        Assert.Equal(
            [new EnergyReading(T0, 1_000), new EnergyReading(T0.AddMinutes(15), 1_500), new EnergyReading(T0.AddMinutes(30), 2_600), new EnergyReading(T0.AddMinutes(45), 4_000)],
            session.Usage.Readings);
        var copy = Assert.Single(await _test.Store.Outbox.PeekAsync(10, None));
        Assert.Equal(session.Id, JsonDocument.Parse(copy.Payload).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task With_pricing_a_session_carries_its_tariff_and_cost_in_the_store_and_the_copy_and_without_it_neither_field_is_written()
    {
        var priced = new SessionRecorder(_test.Store, _time, new FlatPricing());
        var opened = await priced.OpenAsync(Derived("s-3", T0, registerWh: 0), None);
        Assert.Equal("public", opened.TariffId);
        Observe(priced, T0.AddMinutes(30), offeredA: 16, drawnA: 16, registerWh: 5_000);
        Assert.Equal(22.50m, priced.Running("wb-1", 1, T0.AddMinutes(30))!.Cost!.Total); // the running cost, as of now

        Observe(priced, T0.AddHours(1), offeredA: 16, drawnA: 16, registerWh: 10_000);
        var finished = await priced.FinishAsync(opened with { StoppedAt = T0.AddHours(1), EnergyWh = 10_000, StopReason = "EVDisconnected" }, None);
        _test.Reopen();
        var stored = (await _test.Store.Sessions.GetAsync("s-3", None))!;
        Assert.Equal(new SessionCost("SEK", 45.00m, 9.00m, 45.00m, 0m, 0m, 0m, "public", 10_000), stored.Cost);
        Assert.Equal(finished, stored);
        var cost = JsonDocument.Parse((await _test.Store.Outbox.PeekAsync(10, None))[0].Payload).RootElement.GetProperty("cost");
        Assert.Equal(45.00m, cost.GetProperty("total").GetDecimal());
        Assert.Equal("SEK", cost.GetProperty("currency").GetString());

        var plain = CloudPayloads.Session(Derived("s-4", T0, registerWh: 0) with { StoppedAt = T0.AddHours(1) });
        Assert.DoesNotContain("\"cost\"", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("\"tariffId\"", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("readings", plain, StringComparison.OrdinalIgnoreCase);
    }

    private static ChargingSession Derived(string id, DateTimeOffset at, double registerWh) =>
        new(id, "wb-1", 1, null, null, at, null, 0, null) { Usage = SessionUsage.None with { Readings = [new EnergyReading(at, (decimal)registerWh)] } };

    private static void Observe(SessionRecorder recorder, DateTimeOffset at, double offeredA, double drawnA, double registerWh) =>
        recorder.Observe("wb-1", 1, at, ConnectorUses.Of(offeredA, 6, drawnA), registerWh);

    /// <summary>4.50 SEK/kWh incl. 25 % VAT over the readings' span (a stand-in for the pricing engine).</summary>
    private sealed class FlatPricing : ISessionCostSource
    {
        public Task<string?> TariffForAsync(string chargerId, int connectorId, string? idTag, CancellationToken cancellationToken) => Task.FromResult<string?>("public");

        public SessionCost? CostOf(ChargingSession session, DateTimeOffset asOf)
        {
            var readings = session.Usage.Readings;
            var wh = readings.Count < 2 ? 0 : readings[^1].RegisterWh - readings[0].RegisterWh;
            var energy = Math.Round((decimal)wh / 1000 * 4.50m, 2, MidpointRounding.AwayFromZero);
            return new SessionCost("SEK", energy, Math.Round(energy * 25 / 125, 2, MidpointRounding.AwayFromZero), energy, 0, 0, 0, session.TariffId!, (decimal)wh);
        }
    }
}
