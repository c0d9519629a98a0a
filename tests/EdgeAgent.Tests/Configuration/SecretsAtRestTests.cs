using System.Text.Json;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Cloud.Commands;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Tests.Storage;
using ChargeNet.EdgeAgent.Tests.Web;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>Secrets at rest and on their way out, over a real LiteDB file.</summary>
public sealed class SecretsAtRestTests : IDisposable
{
    private readonly TestStore _file = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(TestStore.T0);

    public void Dispose() => _file.Dispose();

    [Theory]
    [InlineData("\"host\": \"broker.example.net\"", "\"host\": \"collector.attacker.example\"")]
    [InlineData("\"port\": 8883", "\"port\": 8884")]
    [InlineData("\"tls\": true", "\"tls\": false")]
    [InlineData("\"username\": \"garage-42\"", "\"username\": \"someone-else\"")]
    public async Task A_document_that_changes_the_brokers_host_port_tls_or_username_does_not_keep_the_stored_cloud_password(string from, string to)
    {
        using var service = await ServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        var exported = SiteDocuments.ContractExample.Replace($"\"password\": \"{SiteDocuments.CloudPassword}\"", "\"password\": null", StringComparison.Ordinal);

        var same = await service.ApplyAsync(exported.Replace("\"maxCurrentA\": 250, \"safetyMarginA\"", "\"maxCurrentA\": 240, \"safetyMarginA\"", StringComparison.Ordinal), RevisionSources.Page, "admin", CancellationToken.None);
        Assert.Equal(SiteDocuments.CloudPassword, same.Applied!.Site.Cloud!.Password); // the same broker keeps it

        var moved = await service.ApplyAsync(exported.Replace(from, to, StringComparison.Ordinal), RevisionSources.Page, "admin", CancellationToken.None);

        Assert.True(moved.Accepted, string.Join("; ", moved.Problems));
        Assert.Null(service.Current!.Site.Cloud!.Password);
        Assert.Null(_file.Store.Secrets.Load().CloudPassword);
    }

    [Fact]
    public async Task Revisions_hold_no_secrets_and_a_restart_puts_the_one_stored_set_back()
    {
        using (var service = await ServiceAsync())
        {
            await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        }

        var revision = await _file.Store.Revisions.GetLatestAsync(CancellationToken.None);
        Assert.DoesNotContain(SiteDocuments.OcppPassword, revision!.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(SiteDocuments.CloudPassword, revision.Json, StringComparison.Ordinal);

        _file.Reopen();
        using var restarted = await ServiceAsync();
        await restarted.LoadAsync(CancellationToken.None);
        Assert.Equal(SiteDocuments.CloudPassword, restarted.Current!.Site.Cloud!.Password);
        Assert.True(OcppStoredPassword.TryParse(restarted.Current.Site.Chargers.Single(c => c.Id == "CP001").OcppPassword, out var kept) && kept!.Verify(SiteDocuments.OcppPassword));
    }

    [Fact]
    public async Task A_store_file_made_by_schema_1_has_the_secrets_moved_out_of_every_revision_and_keeps_the_newest()
    {
        // Made by the daemon of schema 1 (before this change): two --site-config imports, each with its
        // own passwords, then a SIGTERM; the log file is as that daemon left it.
        var fixture = Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "secrets-in-revisions");
        _file.Store.Dispose();
        foreach (var name in new[] { "chargenet.db", "chargenet-log.db" })
        {
            File.Copy(Path.Combine(fixture, name), Path.Combine(_file.Directory!, name), overwrite: true);
        }

        _file.Reopen();
        var store = (LiteEdgeStore)_file.Store;
        Assert.Contains(store.Migrations, m => m.Contains("site_secrets", StringComparison.Ordinal));
        foreach (var number in new[] { 1, 2 })
        {
            var json = (await store.Revisions.GetAsync(number, CancellationToken.None))!.Json;
            Assert.DoesNotContain("secret-000", json, StringComparison.Ordinal);
            Assert.Contains("garage-42", json, StringComparison.Ordinal);
        }

        Assert.Equal("cloud-new-secret-0002", store.Secrets.Load().CloudPassword);
        Assert.True(OcppStoredPassword.TryParse(store.Secrets.Load().OcppPasswords["CP001"], out var cp001) && cp001!.Verify("cp001-new-secret-0002")); // and hashed (schema 3)
        using var service = await ServiceAsync();
        await service.LoadAsync(CancellationToken.None);
        Assert.Equal((2, "cloud-new-secret-0002"), (service.Current!.Revision, service.Current.Site.Cloud!.Password));

        _file.Reopen(); // a second start finds it current and changes nothing
        Assert.Empty(((LiteEdgeStore)_file.Store).Migrations);
        Assert.Equal("cloud-new-secret-0002", _file.Store.Secrets.Load().CloudPassword);
    }

    [Fact]
    public async Task The_setup_code_is_withheld_from_the_log_lines_get_diagnostics_sends_to_the_cloud()
    {
        var recent = new RecentLogLines(_time);
        var printed = new CapturingLogger<AdminAccount>();
        using var factory = LoggerFactory.Create(b => b.AddProvider(recent));
        using var account = new AdminAccount(_file.Store, new LoginSessions(_time), _time, new Tee<AdminAccount>(printed, factory.CreateLogger<AdminAccount>()));
        await account.InitializeAsync(null, CancellationToken.None);
        var code = Assert.Single(printed.Messages, m => m.Contains("setup code", StringComparison.Ordinal)).Split(' ')[^1];
        Assert.Matches("^[0-9]{8}$", code);

        await using var devices = new DeviceRegistry([], NullLogger<DeviceRegistry>.Instance);
        var diagnostics = await new GetDiagnosticsCommand(recent, devices).ExecuteAsync(JsonDocument.Parse("""{"id":"d1"}""").RootElement, CancellationToken.None);

        var sent = diagnostics!.Value.GetRawText();
        Assert.DoesNotContain(code, sent, StringComparison.Ordinal);
        Assert.Contains("setup code " + LocalOnlyLogFields.Withheld, sent, StringComparison.Ordinal);
    }

    private async Task<SiteConfigurationService> ServiceAsync() =>
        new(_file.Store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);

    private sealed class Tee<T>(ILogger<T> first, ILogger second) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            first.Log(logLevel, eventId, state, exception, formatter);
            second.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
