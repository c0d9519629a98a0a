using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using LiteDB;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>
/// Regression test for "LiteDB ENSURE: empty page must be defined as empty type" (LiteDB issues
/// #2503, #2825), seen once in LiteRevisionStore during a parallel test run: LiteDB 5 corrupts the
/// free-page list in its header page when write transactions on different collections overlap.
/// Every store of the daemon writes here from its own thread at once, as the control loop, OCPP
/// connections, the cloud drain and the web do, on a real file; then the file must hold every write
/// and take new ones after it is opened again.
/// </summary>
public sealed class ConcurrentStoreWritesTests : IDisposable
{
    private const int Rounds = 120;
    private static readonly CancellationToken None = CancellationToken.None;

    // Documents of a few kilobytes fill pages quickly, so pages are taken from and given back to the free list often.
    private static readonly string Padding = new('x', 2_000);

    private readonly TestStore _test = TestStore.Open(TestStore.File);

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task Writes_from_many_threads_through_different_stores_all_reach_the_file_and_it_stays_sound()
    {
        var store = _test.Store;
        long queued = 0;
        var writers = new Dictionary<string, Action<int>>
        {
            ["events"] = i => store.Events.AppendAsync(Event("plain", i), None).GetAwaiter().GetResult(),
            ["event with its outbox copy"] = i => store.WriteTogether(() =>
            {
                store.Events.AppendAsync(Event("grouped", i), None).GetAwaiter().GetResult();
                store.Outbox.EnqueueAsync("events", $"grouped-{i}" + Padding, TestStore.T0, None).GetAwaiter().GetResult();
            }),
            ["telemetry queued and drained"] = i =>
            {
                var message = store.Outbox.EnqueueAsync("telemetry", $"t-{i}" + Padding, TestStore.T0, None).GetAwaiter().GetResult();
                if (i % 2 == 0)
                {
                    queued = message.Sequence;
                }
                else
                {
                    store.Outbox.RemoveAsync([queued, message.Sequence], None).GetAwaiter().GetResult();
                }
            },
            ["sessions"] = i =>
            {
                var open = new ChargingSession($"s-{i}", "CP001", 1, null, null, TestStore.T0, null, 0, Padding);
                store.Sessions.UpsertAsync(open, None).GetAwaiter().GetResult();
                store.Sessions.UpsertAsync(open with { StoppedAt = TestStore.T0.AddHours(1), EnergyWh = i }, None).GetAwaiter().GetResult();
            },
            ["revisions (own transaction)"] = i => store.Revisions.AddAsync("{\"n\":" + i + "}", "file", Padding, TestStore.T0, None).GetAwaiter().GetResult(),
            ["logins (own transaction)"] = i =>
            {
                store.Logins.AddIfAbsentAsync(Login(i, 1), None).GetAwaiter().GetResult();
                store.Logins.SetAsync(Login(i, 2), None).GetAwaiter().GetResult();
            },
            ["samples appended and trimmed"] = i =>
            {
                store.Samples.AppendAsync(new MeterSample("grid" + Padding, TestStore.T0.AddSeconds(i), new PhaseValues(1, 2, 3), i), None).GetAwaiter().GetResult();
                store.Samples.TrimAsync(TestStore.T0.AddSeconds(i - 4), None).GetAwaiter().GetResult();
            },
            ["revision and login inside a grouped write"] = i => store.WriteTogether(() =>
            {
                store.Revisions.AddAsync("{}", "page", "nested", TestStore.T0, None).GetAwaiter().GetResult();
                store.Logins.SetAsync(Login(1_000 + i, 1), None).GetAwaiter().GetResult();
            }),
            ["reads"] = _ =>
            {
                store.Events.ListAsync(50, 0, None).GetAwaiter().GetResult();
                store.Outbox.PeekAsync(50, None).GetAwaiter().GetResult();
                store.Sessions.ListOpenAsync(None).GetAwaiter().GetResult();
                store.Revisions.GetLatestAsync(None).GetAwaiter().GetResult();
            },
        };

        var failures = ParallelWriters.Run(Rounds, writers.Values.ToList());

        Assert.Empty(failures);
        await AssertEverythingIsThere(store);

        // The file as the next start of the daemon finds it: every write, and room for new ones.
        _test.Reopen();
        await AssertEverythingIsThere(_test.Store);
        _test.Store.Dispose();
        AssertTheFileTakesNewPagesAndReadsWhole(Path.Combine(_test.Directory!, LiteEdgeStore.FileName));
        _test.Reopen();
        await AssertEverythingIsThere(_test.Store);
    }

    private static async Task AssertEverythingIsThere(IEdgeStore store)
    {
        Assert.Equal(2 * Rounds, await store.Events.CountAsync(None));
        var eventIds = (await store.Events.ListAsync(10_000, 0, None)).Select(e => e.Id).ToHashSet();
        Assert.All(Enumerable.Range(0, Rounds), i => Assert.Contains($"plain-{i}", eventIds));
        Assert.All(Enumerable.Range(0, Rounds), i => Assert.Contains($"grouped-{i}", eventIds));

        Assert.Equal(Rounds, await store.Outbox.CountAsync("events", None));
        Assert.Equal(0, await store.Outbox.CountAsync("telemetry", None));

        Assert.Equal(Rounds, await store.Sessions.CountAsync(None));
        Assert.Empty(await store.Sessions.ListOpenAsync(None));
        Assert.Equal(Rounds - 1, (await store.Sessions.GetAsync($"s-{Rounds - 1}", None))!.EnergyWh);

        // Numbered 1, 2, 3, … without a gap or a repeat, by both writers of revisions.
        var revisions = await store.Revisions.ListAsync(10_000, 0, None);
        Assert.Equal(Enumerable.Range(1, 2 * Rounds).Reverse(), revisions.Select(r => r.Number));
        Assert.Equal(Rounds, revisions.Count(r => r.Author == "nested"));

        for (var i = 0; i < Rounds; i++)
        {
            Assert.Equal(2, (await store.Logins.FindAsync($"user-{i}", None))!.Iterations);
            Assert.NotNull(await store.Logins.FindAsync($"user-{1_000 + i}", None));
        }

        Assert.Equal(5, (await store.Samples.ListAsync("grid" + Padding, TestStore.T0, None)).Count);
    }

    // LiteDB on its own: a checkpoint folds the journal into the file, every document of every
    // collection is read, and new pages are taken from the free list (where the corruption shows).
    private static void AssertTheFileTakesNewPagesAndReadsWhole(string file)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });
        database.Checkpoint();
        foreach (var name in database.GetCollectionNames())
        {
            var collection = database.GetCollection(name);
            Assert.Equal(collection.Count(), collection.FindAll().Count());
        }

        var scratch = database.GetCollection("soundness_check", BsonAutoId.Int64);
        for (var round = 0; round < 3; round++)
        {
            scratch.InsertBulk(Enumerable.Range(0, 200).Select(i => new BsonDocument { ["n"] = i, ["padding"] = Padding }));
            Assert.Equal(200, scratch.DeleteAll());
        }

        database.DropCollection("soundness_check");
    }

    private static EdgeEvent Event(string kind, int i) =>
        new($"{kind}-{i}", TestStore.T0.AddSeconds(i), EventSeverities.Info, "test", "test.write", Padding);

    private static LoginCredential Login(int i, int iterations) =>
        new($"user-{i}", new byte[16], new byte[32], iterations, TestStore.T0);
}
