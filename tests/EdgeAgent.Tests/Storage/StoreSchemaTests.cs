using ChargeNet.Drivers.Ocpp.Ports;
using System.Security.Cryptography;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using LiteDB;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>
/// Upgrades keep the data: a file written by ChargeNet Edge 0.1.0 (Fixtures/chargenet-0.1.0.db, made
/// by that version's store, before the schema had a version) opens in the current store with
/// everything in it, and a file from a newer daemon is refused without being changed.
/// </summary>
public sealed class StoreSchemaTests : IDisposable
{
    private static readonly DateTimeOffset T0 = TestStore.T0;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("chargenet-schema-").FullName;
    private readonly CancellationToken _ct = CancellationToken.None;

    private string DataFile => Path.Combine(_dataDir, LiteEdgeStore.FileName);

    [Fact]
    public async Task A_data_file_of_version_0_1_0_is_upgraded_to_the_current_schema_with_all_its_data()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "chargenet-0.1.0.db"), DataFile);
        Assert.Equal(0, ReadUserVersion());

        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            Assert.Equal(StoreSchema.CurrentVersion, store.SchemaVersion);
            Assert.Contains(store.Migrations, m => m.Contains("0.1.0", StringComparison.Ordinal));

            var revision = await store.Revisions.GetLatestAsync(_ct);
            Assert.Equal((1, "file", "installer", "{\"siteId\":\"garage-42\"}", T0), (revision!.Number, revision.Source, revision.Author, revision.Json, revision.CreatedAt));
            Assert.Equal(2, (await store.Revisions.AddAsync("{}", "page", null, T0, _ct)).Number);
            Assert.Equal(new ChargingSession("s1", "CP001", 1, ChargerTransactionId.FromNumber(5), "TAG1", T0, T0.AddHours(2), 18_250, "EVDisconnected"), await store.Sessions.GetAsync("s1", _ct));
            Assert.Equal([new ChargingSession("s2", "wb-02", 1, null, null, T0.AddHours(1), null, 1_200, null)], await store.Sessions.ListOpenAsync(_ct));
            Assert.Equal([new EdgeEvent("e1", T0, EventSeverities.Warning, "grid", "grid.fallback.started", "meter silent")], await store.Events.ListAsync(10, 0, _ct));
            var queued = Assert.Single(await store.Outbox.PeekAsync(10, _ct));
            Assert.Equal(("events", "{\"id\":\"e1\"}"), (queued.Topic, queued.Payload));
            Assert.Equal([new MeterSample("grid", T0, new PhaseValues(10, 11, 12), 7_590)], await store.Samples.ListAsync("grid", T0, _ct));
            Assert.Equal(3, await store.AuthorizationList.GetVersionAsync(_ct));
            Assert.Equal([new AuthorizationEntry("TAG1", "Accepted", null, null)], await store.AuthorizationList.ListAsync(_ct));
            var login = await store.Logins.FindAsync("admin", _ct);
            Assert.Equal((600_000, 32), (login!.Iterations, login.Hash.Length));
        }

        // Upgraded once: the next start finds it current.
        Assert.Equal(StoreSchema.CurrentVersion, ReadUserVersion());
        using (var again = LiteEdgeStore.Open(_dataDir))
        {
            Assert.Empty(again.Migrations);
            Assert.Equal(2, (await again.Revisions.GetLatestAsync(_ct))!.Number);
        }
    }

    [Fact]
    public void A_new_data_file_starts_at_the_current_schema()
    {
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            Assert.Empty(store.Migrations);
        }

        Assert.Equal(StoreSchema.CurrentVersion, ReadUserVersion());
    }

    [Fact]
    public async Task A_data_file_of_a_newer_schema_is_refused_with_a_clear_error_and_left_unchanged()
    {
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            await store.Events.AppendAsync(new EdgeEvent("e1", T0, EventSeverities.Info, "edge", "test", "written by a newer daemon"), _ct);
        }

        var newer = StoreSchema.CurrentVersion + 1;
        using (var database = new LiteDatabase(DataFile))
        {
            database.UserVersion = newer;
        }

        var before = SHA256.HashData(File.ReadAllBytes(DataFile));

        var refused = Assert.Throws<StoreSchemaException>(() => LiteEdgeStore.Open(_dataDir));

        Assert.Contains($"schema version {newer}, newer than this ChargeNet Edge knows ({StoreSchema.CurrentVersion})", refused.Message, StringComparison.Ordinal);
        Assert.Contains(DataFile, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(DataFile)));
        Assert.Equal(newer, ReadUserVersion());
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private int ReadUserVersion()
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = DataFile, ReadOnly = true });
        return database.UserVersion;
    }
}
