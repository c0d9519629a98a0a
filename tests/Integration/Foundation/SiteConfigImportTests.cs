using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>--site-config on the built daemon: a valid file becomes a revision; an invalid one later changes nothing.</summary>
public sealed class SiteConfigImportTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "chargenet-import-" + Guid.NewGuid().ToString("N"));

    public SiteConfigImportTests()
    {
        Directory.CreateDirectory(_dataDir);
    }

    [Fact]
    public async Task A_valid_file_is_imported_as_a_revision_and_a_later_invalid_one_is_refused_without_changing_it()
    {
        var good = Path.Combine(_dataDir, "site.json");
        await File.WriteAllTextAsync(good, """
            {
              "siteId": "import-test",
              "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [ { "id": "CP1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 } ]
            }
            """);
        var bad = Path.Combine(_dataDir, "bad.json");
        await File.WriteAllTextAsync(bad, (await File.ReadAllTextAsync(good)).Replace("\"maxCurrentA\": 16", "\"maxCurrentA\": 16, \"minCurrentA\": 20", StringComparison.Ordinal));

        await using (var agent = Start(good))
        {
            await agent.WaitForLineAsync(l => l.Contains("listening on http://", StringComparison.Ordinal), Timeout);
            await agent.TerminateAsync();
            Assert.True(await agent.WaitForExitAsync(Timeout) == 0, agent.Transcript);
        }

        await using (var agent = Start(bad))
        {
            Assert.True(await agent.WaitForExitAsync(Timeout) == 2, agent.Transcript);
            var line = Assert.Single(agent.StandardError);
            Assert.StartsWith(bad + ": $.chargers[0].minCurrentA: ", line, StringComparison.Ordinal);
        }

        using var store = LiteEdgeStore.Open(_dataDir);
        var revision = Assert.Single(await store.Revisions.ListAsync(10, 0, CancellationToken.None));
        Assert.Equal((1, RevisionSources.File, good), (revision.Number, revision.Source, revision.Author));
        var saved = await store.Revisions.GetAsync(1, CancellationToken.None);
        Assert.Contains("\"siteId\": \"import-test\"", saved!.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"minCurrentA\": 20", saved.Json, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private ChildProcess Start(string siteConfig) => ChildProcess.StartDotnet(BuiltArtifacts.AgentDll,
        ["--site-config", siteConfig, "--data-dir", _dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0"]);
}
