using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>
/// <c>ocpp.upstream</c> and the chargers' <c>upstreamId</c> / <c>upstreamPassword</c> (docs/upstream.md):
/// a good document is read; each bad one is refused with an error at the path that is wrong; the
/// upstream password is write-only and kept with the other secrets, over a real LiteDB file.
/// </summary>
public sealed class OcppUpstreamConfigurationTests : IDisposable
{
    private const string UpstreamPassword = "cp001-at-the-csms-secret";

    private readonly TestStore _file = TestStore.Open(TestStore.File);

    public void Dispose() => _file.Dispose();

    private static string Document(string upstream = """{ "url": "wss://csms.example.net/ocpp/", "caFile": null, "chargers": null }""", string cp001Extra = $$""", "upstreamId": "SE*CNE*E0001", "upstreamPassword": "{{UpstreamPassword}}" """) =>
        SiteDocuments.ContractExample
            .Replace("\"ocpp\": { \"acceptNewChargers\": false, \"certificateFile\": null }", $"\"ocpp\": {{ \"acceptNewChargers\": false, \"certificateFile\": null, \"upstream\": {upstream} }}", StringComparison.Ordinal)
            .Replace($"\"ocppPassword\": \"{SiteDocuments.OcppPassword}\" }}", $"\"ocppPassword\": \"{SiteDocuments.OcppPassword}\"{cp001Extra} }}", StringComparison.Ordinal);

    [Fact]
    public async Task The_contract_example_of_an_upstream_is_read_with_its_defaults()
    {
        var result = (await SiteDocuments.CreateReaderAsync()).Read(Document());

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var upstream = result.Configuration!.Ocpp!.Upstream!;
        Assert.Equal(("wss://csms.example.net/ocpp/", (string?)null, (IReadOnlyList<string>?)null, 5d), (upstream.Url, upstream.CaFile, upstream.Chargers, upstream.AnswerTimeoutS));
        var cp001 = result.Configuration.Chargers[0];
        Assert.Equal(("SE*CNE*E0001", UpstreamPassword), (cp001.UpstreamId, cp001.UpstreamPassword));
    }

    [Theory]
    [InlineData("""{ "url": "https://csms.example.net/ocpp/" }""", "", "$.ocpp.upstream.url", "not a ws:// or wss:// URL")]
    [InlineData("""{ "url": "csms/ocpp/" }""", "", "$.ocpp.upstream.url", "not a ws:// or wss:// URL")]
    [InlineData("""{ "url": "wss://op:secret@csms.example.net/ocpp/" }""", "", "$.ocpp.upstream.url", "must not carry credentials")]
    [InlineData("""{ "url": "wss://csms.example.net/ocpp/?id=" }""", "", "$.ocpp.upstream.url", "must not have a query")]
    [InlineData("""{ "url": "ws://csms.example.net/ocpp/", "caFile": "/etc/csms-ca.pem" }""", "", "$.ocpp.upstream.caFile", "only with a wss:// url")]
    [InlineData("""{ "url": "wss://csms.example.net/ocpp/", "chargers": ["CP404"] }""", "", "$.ocpp.upstream.chargers[0]", "'CP404', which is not in $.chargers")]
    [InlineData("""{ "url": "wss://csms.example.net/ocpp/", "chargers": ["wb-02"] }""", "", "$.ocpp.upstream.chargers[0]", "takes an OCPP charger only")]
    [InlineData("""{ "url": "wss://csms.example.net/ocpp/", "virtualChargers": ["CP001"] }""", "", "$.ocpp.upstream.virtualChargers[0]", "takes a Modbus charger only")]
    [InlineData("""{ "url": "wss://csms.example.net/ocpp/", "virtualChargers": ["wb-02"] }""", "", "$.chargers[1].upstreamId", "'CP001' is already the upstream id of $.chargers[0]")]
    public async Task A_wrong_upstream_is_refused_naming_the_field(string upstream, string cp001Extra, string path, string message)
    {
        // The last case: wb-02, presented upstream, takes the id CP001's own relay already has.
        var document = Document(upstream, cp001Extra).Replace("\"id\": \"wb-02\",", "\"id\": \"wb-02\", \"upstreamId\": \"CP001\",", StringComparison.Ordinal);
        var result = (await SiteDocuments.CreateReaderAsync()).Read(document);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "caFile": null }""", "$.ocpp.upstream")]
    [InlineData("""{ "url": "wss://csms.example.net/ocpp/", "answerTimeoutS": 0 }""", "$.ocpp.upstream.answerTimeoutS")]
    [InlineData("""{ "url": "wss://csms.example.net/ocpp/", "retries": 3 }""", "$.ocpp.upstream")]
    public async Task A_document_the_schema_refuses_names_the_path(string upstream, string path)
    {
        var result = (await SiteDocuments.CreateReaderAsync()).Read(Document(upstream));

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Severity == ProblemSeverity.Error && p.Path.StartsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upstream_id_on_a_charger_that_is_not_relayed_is_a_warning_only()
    {
        var result = (await SiteDocuments.CreateReaderAsync()).Read(Document("""{ "url": "wss://csms.example.net/ocpp/", "chargers": [] }"""));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var warning = Assert.Single(result.Problems);
        Assert.Equal(("$.chargers[0]", ProblemSeverity.Warning), (warning.Path, warning.Severity));
    }

    [Fact]
    public async Task The_upstream_password_is_never_read_back_is_kept_apart_from_the_revisions_and_survives_a_restart()
    {
        using (var service = await ServiceAsync())
        {
            var applied = await service.ApplyAsync(Document(), RevisionSources.File, "installer", CancellationToken.None);
            Assert.True(applied.Accepted, string.Join("; ", applied.Problems));
            Assert.DoesNotContain(UpstreamPassword, SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(service.Current!.Site)), StringComparison.Ordinal);
        }

        var revision = await _file.Store.Revisions.GetLatestAsync(CancellationToken.None);
        Assert.DoesNotContain(UpstreamPassword, revision!.Json, StringComparison.Ordinal);
        Assert.Equal(UpstreamPassword, _file.Store.Secrets.Load().UpstreamPasswords["CP001"]);

        _file.Reopen();
        using var restarted = await ServiceAsync();
        await restarted.LoadAsync(CancellationToken.None);
        Assert.Equal(UpstreamPassword, restarted.Current!.Site.Chargers[0].UpstreamPassword);
    }

    [Theory]
    [InlineData("\"maxCurrentA\": 250, \"safetyMarginA\"", "\"maxCurrentA\": 240, \"safetyMarginA\"", true)]
    [InlineData("wss://csms.example.net/ocpp/", "wss://collector.attacker.example/ocpp/", false)]
    [InlineData("\"upstreamId\": \"SE*CNE*E0001\"", "\"upstreamId\": \"SE*CNE*E0002\"", false)]
    public async Task A_document_without_the_password_keeps_it_only_for_the_same_upstream_and_id(string from, string to, bool kept)
    {
        using var service = await ServiceAsync();
        await service.ApplyAsync(Document(), RevisionSources.File, "installer", CancellationToken.None);
        var exported = SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(service.Current!.Site));
        Assert.Contains(from, Document(), StringComparison.Ordinal);

        var result = await service.ApplyAsync(Document().Replace($", \"upstreamPassword\": \"{UpstreamPassword}\"", "", StringComparison.Ordinal).Replace(from, to, StringComparison.Ordinal), RevisionSources.Page, "admin", CancellationToken.None);

        Assert.True(result.Accepted, string.Join("; ", result.Problems));
        Assert.DoesNotContain(UpstreamPassword, exported, StringComparison.Ordinal);
        Assert.Equal(kept ? UpstreamPassword : null, service.Current!.Site.Chargers[0].UpstreamPassword);
    }

    private async Task<SiteConfigurationService> ServiceAsync() =>
        new(_file.Store, await SiteDocuments.CreateReaderAsync(), new FakeTimeProvider(TestStore.T0), NullLogger<SiteConfigurationService>.Instance);
}
