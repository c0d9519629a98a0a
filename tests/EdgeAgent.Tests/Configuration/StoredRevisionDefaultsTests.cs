using System.Text.Json.Nodes;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Tests.Storage;
using ChargeNet.EdgeAgent.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>
/// A stored revision that leaves fields out (written by an older build, before those fields existed)
/// reads back with their defaults, as site.json does — not with 0, as the source-generated context
/// would give them (docs/configuration.md). Real LiteDB file.
/// </summary>
public sealed class StoredRevisionDefaultsTests : IDisposable
{
    private readonly TestStore _file = TestStore.Open(TestStore.File);

    [Fact]
    public async Task A_revision_without_newer_fields_is_returned_with_their_defaults_not_zero()
    {
        var older = JsonNode.Parse(SiteDocuments.ContractExample)!;
        older["grid"]!["powerTariff"] = new JsonObject { ["timeZone"] = "Europe/Stockholm" };
        var stored = await _file.Store.Revisions.AddAsync(older.ToJsonString(), RevisionSources.File, null, TestStore.T0, CancellationToken.None);

        var answer = await ConfigApi.GetRevision(stored.Number, _file.Store, CancellationToken.None);

        var document = JsonNode.Parse(Assert.IsType<ContentHttpResult>(answer.Result).ResponseContent!)!;
        var grid = document["grid"]!;
        Assert.Equal(3, grid["meterTimeoutS"]!.GetValue<double>());
        var tariff = grid["powerTariff"]!;
        Assert.Equal(60, tariff["windowMinutes"]!.GetValue<int>());
        Assert.Equal("highest", tariff["billedPeak"]!.GetValue<string>());
        Assert.Equal(4, tariff["assumedStayHours"]!.GetValue<double>());
        Assert.Equal(20, tariff["assumedEnergyKwh"]!.GetValue<double>());
        Assert.All(document["chargers"]!.AsArray(), c => Assert.Equal(3, c!["phases"]!.GetValue<int>()));
    }

    public void Dispose() => _file.Dispose();
}
