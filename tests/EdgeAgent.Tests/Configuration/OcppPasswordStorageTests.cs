using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.EdgeAgent.Cloud.Commands;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>OCPP passwords are kept as salted PBKDF2 hashes only, in the store and in memory, over a real LiteDB file (docs/security.md).</summary>
public sealed class OcppPasswordStorageTests : IDisposable
{
    private const string SharedPassword = "the-same-password-twice";
    private readonly TestStore _file = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(TestStore.T0);

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task The_stored_password_is_neither_the_password_nor_its_unsalted_hash_and_memory_holds_the_same_hash()
    {
        using var service = await ServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);

        var stored = _file.Store.Secrets.Load().OcppPasswords["CP001"];
        var sha256 = SHA256.HashData(Encoding.UTF8.GetBytes(SiteDocuments.OcppPassword));
        Assert.DoesNotContain(SiteDocuments.OcppPassword, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(sha256), stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(sha256), stored, StringComparison.Ordinal);
        Assert.StartsWith($"pbkdf2-sha256${OcppStoredPassword.Iterations}$", stored, StringComparison.Ordinal);
        Assert.True(OcppStoredPassword.TryParse(stored, out var hash));
        Assert.True(hash!.Verify(SiteDocuments.OcppPassword));

        // The configuration in force holds the hash, not the password, and a restart reads the same.
        Assert.Equal(stored, service.Current!.Site.Chargers.Single(c => c.Id == "CP001").OcppPassword);
        _file.Reopen();
        using var restarted = await ServiceAsync();
        await restarted.LoadAsync(CancellationToken.None);
        Assert.Equal(stored, restarted.Current!.Site.Chargers.Single(c => c.Id == "CP001").OcppPassword);
    }

    [Fact]
    public async Task Two_chargers_with_the_same_password_get_different_hashes()
    {
        using var service = await ServiceAsync();
        var document = TwoOcppChargers(SharedPassword, SharedPassword);

        var applied = await service.ApplyAsync(document, RevisionSources.File, "installer", CancellationToken.None);

        Assert.True(applied.Accepted, string.Join("; ", applied.Problems));
        var stored = _file.Store.Secrets.Load().OcppPasswords;
        Assert.NotEqual(stored["CP001"], stored["CP002"]);
        Assert.All(stored.Values, s => Assert.True(OcppStoredPassword.TryParse(s, out var hash) && hash!.Verify(SharedPassword)));
    }

    [Fact]
    public async Task The_same_document_sent_again_is_no_change_and_a_new_password_is_a_new_hash()
    {
        using var service = await ServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        var first = _file.Store.Secrets.Load().OcppPasswords["CP001"];

        var again = await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        Assert.True(again.Unchanged);
        Assert.Equal(first, _file.Store.Secrets.Load().OcppPasswords["CP001"]);

        var changed = await service.ApplyAsync(SiteDocuments.ContractExample.Replace(SiteDocuments.OcppPassword, "a-new-password-for-cp001", StringComparison.Ordinal), RevisionSources.Page, "admin", CancellationToken.None);
        Assert.True(changed.Accepted, string.Join("; ", changed.Problems));
        Assert.True(OcppStoredPassword.TryParse(_file.Store.Secrets.Load().OcppPasswords["CP001"], out var hash));
        Assert.True(hash!.Verify("a-new-password-for-cp001"));
        Assert.False(hash.Verify(SiteDocuments.OcppPassword));
    }

    [Fact]
    public async Task A_change_made_from_the_configuration_in_force_keeps_the_stored_hash_as_it_is()
    {
        // set-site-limit changes the configuration in force and applies it again.
        using var service = await ServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        var stored = _file.Store.Secrets.Load().OcppPasswords["CP001"];

        await new SetSiteLimitCommand(service).ExecuteAsync(JsonDocument.Parse("{\"id\":\"c1\",\"maxCurrentA\":200}").RootElement, CancellationToken.None);

        Assert.Equal(200, service.Current!.Site.Grid.MaxCurrentA);
        Assert.Equal(stored, _file.Store.Secrets.Load().OcppPasswords["CP001"]);
        Assert.True(OcppStoredPassword.TryParse(service.Current!.Site.Chargers.Single(c => c.Id == "CP001").OcppPassword, out var hash) && hash!.Verify(SiteDocuments.OcppPassword));
    }

    [Fact]
    public async Task The_registry_admits_the_right_password_and_refuses_a_wrong_one_again_and_again()
    {
        using var service = await ServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        var registry = new ConfiguredOcppChargerRegistry(service, new SiteEventLog(_file.Store, _time, NullLogger<SiteEventLog>.Instance));

        // Twice each: the second right one comes from the verify cache, a wrong one never does.
        for (var i = 0; i < 2; i++)
        {
            var registration = await registry.FindAsync("CP001", CancellationToken.None);
            Assert.True(registration!.Password!.Verify(SiteDocuments.OcppPassword));
            Assert.False(registration.Password.Verify(SiteDocuments.OcppPassword + "x"));
            Assert.False(registration.Password.Verify(registration.Password.Stored)); // the hash is no password
        }
    }

    [Fact]
    public async Task The_registry_gives_the_driver_the_chargers_offered_current_switch()
    {
        // Not a password matter, but the same registry: site.json's offeredCurrentIsLimit reaches the OCPP driver's settings.
        using var service = await ServiceAsync();
        var document = SiteDocuments.ContractExample.Replace("\"maxCurrentA\": 32, \"ocppPassword\"", "\"maxCurrentA\": 32, \"offeredCurrentIsLimit\": false, \"ocppPassword\"", StringComparison.Ordinal);
        Assert.NotEqual(SiteDocuments.ContractExample, document);
        await service.ApplyAsync(document, RevisionSources.File, "installer", CancellationToken.None);
        var registry = new ConfiguredOcppChargerRegistry(service, new SiteEventLog(_file.Store, _time, NullLogger<SiteEventLog>.Instance));

        Assert.False((await registry.FindAsync("CP001", CancellationToken.None))!.Settings.ReportsOfferedCurrent);
    }

    [Fact]
    public async Task A_store_of_schema_2_with_passwords_in_clear_has_them_hashed_at_start_once()
    {
        using (var service = await ServiceAsync())
        {
            await service.ApplyAsync(TwoOcppChargers("cp001-kept-in-clear-1", "cp002-kept-in-clear-2"), RevisionSources.File, "installer", CancellationToken.None);
        }

        // The file as schema 2 left it: each password itself in site_secrets.
        _file.Store.Dispose();
        var path = Path.Combine(_file.Directory!, LiteEdgeStore.FileName);
        using (var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var secrets = database.GetCollection(LiteSiteSecretStore.Collection);
            var document = secrets.FindById("site");
            document["ocppPasswords"] = new BsonDocument { ["CP001"] = "cp001-kept-in-clear-1", ["CP002"] = "cp002-kept-in-clear-2" };
            secrets.Update(document);
            database.UserVersion = 2;
        }

        _file.Reopen();
        Assert.Contains(((LiteEdgeStore)_file.Store).Migrations, m => m.Contains("PBKDF2", StringComparison.Ordinal));
        var migrated = _file.Store.Secrets.Load().OcppPasswords;
        Assert.True(OcppStoredPassword.TryParse(migrated["CP001"], out var cp001) && cp001!.Verify("cp001-kept-in-clear-1"));
        Assert.True(OcppStoredPassword.TryParse(migrated["CP002"], out var cp002) && cp002!.Verify("cp002-kept-in-clear-2"));
        Assert.DoesNotContain("kept-in-clear", string.Concat(migrated.Values), StringComparison.Ordinal);

        _file.Reopen(); // a second start finds it current and changes nothing
        Assert.Empty(((LiteEdgeStore)_file.Store).Migrations);
        Assert.Equal(migrated["CP001"], _file.Store.Secrets.Load().OcppPasswords["CP001"]);
    }

    private static string TwoOcppChargers(string first, string second) => SiteDocuments.ContractExample
        .Replace(SiteDocuments.OcppPassword, first, StringComparison.Ordinal)
        .Replace(
            "{ \"id\": \"wb-02\"",
            $$"""{ "id": "CP002", "protocol": "ocpp1.6", "circuit": "deck-1", "phaseRotation": "L1L2L3", "minCurrentA": 6, "maxCurrentA": 32, "ocppPassword": "{{second}}" }, { "id": "wb-02" """.TrimEnd(),
            StringComparison.Ordinal);

    private async Task<SiteConfigurationService> ServiceAsync() =>
        new(_file.Store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);
}
