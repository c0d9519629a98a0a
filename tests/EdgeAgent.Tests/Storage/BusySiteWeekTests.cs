using System.Globalization;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>
/// A week of a busy site on a fake clock, into a real store file, with the hourly retention sweep:
/// 20 OCPP chargers, half of them charging at any time (a 2-hour session every 4 hours each),
/// MeterValues every 60 s while charging, a grid sample every 10 s, 30 events an hour, the cloud
/// taking the outbox every hour. The file stays under the size docs/operations.md states.
/// </summary>
public sealed class BusySiteWeekTests(ITestOutputHelper output) : IDisposable
{
    private const long StatedBytes = 64L << 20;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _directory = Directory.CreateTempSubdirectory("chargenet-week-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_week_of_a_busy_site_keeps_the_store_under_64_MB()
    {
        using (var store = LiteEdgeStore.Open(_directory, _time))
        {
            var retention = new RetentionService(store, _time, Options.Create(new RetentionOptions()), NullLogger<RetentionService>.Instance);
            var transactions = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var hour = 0; hour < 7 * 24; hour++)
            {
                // One transaction an hour keeps the test fast; the writes are the daemon's own calls.
                store.WriteTogether(() => SimulateHour(store, hour, transactions));
                await DrainOutboxAsync(store);
                _time.Advance(TimeSpan.FromHours(1));
                await retention.SweepAsync(None);
            }
        }

        var bytes = Directory.GetFiles(_directory).Sum(f => new FileInfo(f).Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store after a week: {bytes / 1_048_576.0:0.0} MB"));
        Assert.InRange(bytes, 1, StatedBytes);
    }

    private void SimulateHour(LiteEdgeStore store, int hour, Dictionary<string, int> transactions)
    {
        var hourStart = _time.GetUtcNow();
        for (var charger = 0; charger < 20; charger++)
        {
            var id = "CP" + charger.ToString("00", CultureInfo.InvariantCulture);
            var phase = (hour + charger) % 4; // charging in phases 0 and 1 of every four hours
            if (phase == 0)
            {
                var key = $"{id}:start-{hour}";
                transactions[id] = Wait(OcppSessionLedger.Over(store).StartTransactionAsync(new OcppTransactionStart(key, id, 1, "TAG-" + id, 0, hourStart, null), None));
            }

            if (phase is 0 or 1 && transactions.TryGetValue(id, out var transaction))
            {
                for (var minute = 0; minute < 60; minute++)
                {
                    var values = new[] { new MeterValue(hourStart.AddMinutes(minute), [new SampledValue((minute * 180).ToString(CultureInfo.InvariantCulture), null, null, "Energy.Active.Import.Register", null, null, "Wh")]) };
                    Wait(OcppSessionLedger.Over(store).RecordMeterValuesAsync(new OcppMeterValuesRecord($"{id}:mv-{hour}-{minute}", id, 1, transaction, values), None));
                }
            }

            if (phase == 1 && transactions.Remove(id, out var stopping))
            {
                var stopped = Wait(OcppSessionLedger.Over(store).StopTransactionAsync(
                    new OcppTransactionStop($"{id}:stop-{hour}", id, stopping, "TAG-" + id, 22_000, hourStart.AddMinutes(59), "EVDisconnected", []), None));
                var session = Wait(store.Sessions.GetAsync(stopped.Session.Id, None))!;
                Wait(store.Outbox.EnqueueAsync(CloudTopics.Sessions, CloudPayloads.Session(session), hourStart, None));
            }
        }

        for (var second = 0; second < 3_600; second += 10)
        {
            Wait(store.Samples.AppendAsync(new MeterSample("grid", hourStart.AddSeconds(second), new PhaseValues(40, 41, 39), 27_600), None));
        }

        for (var n = 0; n < 30; n++)
        {
            var edgeEvent = new EdgeEvent($"e-{hour}-{n}", hourStart.AddMinutes(2 * n), EventSeverities.Info, "CP00", "ocpp.status", "Connector 1: Charging");
            Wait(store.Events.AppendAsync(edgeEvent, None));
            Wait(store.Outbox.EnqueueAsync(CloudTopics.Events, CloudPayloads.Event(edgeEvent), hourStart, None));
        }
    }

    // The broker acknowledged everything sent this hour.
    private static async Task DrainOutboxAsync(LiteEdgeStore store)
    {
        var sent = await store.Outbox.PeekAsync(10_000, None);
        await store.Outbox.RemoveAsync(sent.Select(m => m.Sequence).ToList(), None);
    }

    // Inside the hour's transaction every store call has completed when it returns.
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
