using ChargeNet.Drivers.Ocpp;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

public sealed class SiteConfigurationServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly LiteEdgeStore _store = LiteEdgeStore.OpenInMemory();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<AppliedConfiguration> _changes = [];

    [Fact]
    public async Task A_valid_document_becomes_revision_1_with_its_source_and_author_and_is_announced()
    {
        using var service = await CreateServiceAsync();

        var result = await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "/etc/chargenet/site.json", CancellationToken.None);

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.Equal(1, result.Applied!.Revision);
        Assert.Same(result.Applied, service.Current);
        Assert.Equal([result.Applied], _changes);
        var saved = await _store.Revisions.GetLatestAsync(CancellationToken.None);
        Assert.NotNull(saved);
        Assert.Equal(1, saved.Number);
        Assert.Equal(RevisionSources.File, saved.Source);
        Assert.Equal("/etc/chargenet/site.json", saved.Author);
        Assert.Equal(Start, saved.CreatedAt);
        Assert.DoesNotContain(SiteDocuments.OcppPassword, saved.Json, StringComparison.Ordinal); // secrets live apart (site_secrets), once
        Assert.True(OcppStoredPassword.TryParse(_store.Secrets.Load().OcppPasswords["CP001"], out var stored) && stored!.Verify(SiteDocuments.OcppPassword)); // as a salted hash
    }

    [Fact]
    public async Task A_changed_document_adds_revision_n_plus_1()
    {
        using var service = await CreateServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        var changed = SiteDocuments.ContractExample.Replace("\"maxCurrentA\": 250, \"safetyMarginA\"", "\"maxCurrentA\": 200, \"safetyMarginA\"", StringComparison.Ordinal);
        var result = await service.ApplyAsync(changed, RevisionSources.Page, "admin", CancellationToken.None);

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.False(result.Unchanged);
        Assert.Equal(2, result.Applied!.Revision);
        Assert.Equal(200, service.Current!.Site.Grid.MaxCurrentA);
        Assert.Equal([1, 2], _changes.Select(c => c.Revision));
        var latest = await _store.Revisions.GetLatestAsync(CancellationToken.None);
        Assert.Equal((2, RevisionSources.Page, "admin", Start.AddMinutes(5)), (latest!.Number, latest.Source, latest.Author, latest.CreatedAt));
    }

    [Fact]
    public async Task An_invalid_document_changes_nothing()
    {
        using var service = await CreateServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        var before = service.Current;
        _changes.Clear();

        var invalid = SiteDocuments.ContractExample.Replace("\"circuit\": \"deck-1\", \"phaseRotation\": \"L1L2L3\"", "\"circuit\": \"deck-9\", \"phaseRotation\": \"L1L2L3\"", StringComparison.Ordinal);
        var result = await service.ApplyAsync(invalid, RevisionSources.Page, "admin", CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Path == "$.chargers[0].circuit");
        Assert.Same(before, service.Current);
        Assert.Empty(_changes);
        Assert.Single(await _store.Revisions.ListAsync(100, 0, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalid_first_document_leaves_the_daemon_without_a_configuration()
    {
        using var service = await CreateServiceAsync();

        var result = await service.ApplyAsync("{ \"siteId\": \"x\" }", RevisionSources.File, null, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Null(service.Current);
        Assert.Empty(_changes);
        Assert.Null(await _store.Revisions.GetLatestAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_same_document_again_adds_no_revision_even_when_exported_without_its_secrets()
    {
        using var service = await CreateServiceAsync();
        await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        var exported = SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(service.Current!.Site));

        var again = await service.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        var roundTrip = await service.ApplyAsync(exported, RevisionSources.Page, "admin", CancellationToken.None);

        Assert.True(again.Unchanged);
        Assert.True(roundTrip.Unchanged);
        Assert.True(OcppStoredPassword.TryParse(service.Current!.Site.Chargers[0].OcppPassword, out var kept) && kept!.Verify(SiteDocuments.OcppPassword));
        Assert.Single(_changes);
        Assert.Single(await _store.Revisions.ListAsync(100, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Load_applies_the_newest_stored_revision()
    {
        using (var first = await CreateServiceAsync())
        {
            await first.ApplyAsync(SiteDocuments.ContractExample, RevisionSources.File, "installer", CancellationToken.None);
        }

        _changes.Clear();
        using var second = await CreateServiceAsync();
        await second.LoadAsync(CancellationToken.None);

        Assert.Equal(1, second.Current!.Revision);
        Assert.Equal("garage-42", second.Current.Site.SiteId);
        Assert.Single(_changes);
    }

    public void Dispose() => _store.Dispose();

    private async Task<SiteConfigurationService> CreateServiceAsync()
    {
        var service = new SiteConfigurationService(_store, await SiteDocuments.CreateReaderAsync(), _time, NullLogger<SiteConfigurationService>.Instance);
        service.Changed += _changes.Add;
        return service;
    }
}
