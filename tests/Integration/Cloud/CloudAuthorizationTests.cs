using System.Text;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.Integration.Tests.Ocpp;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// <c>authorization.mode</c> cloud and free (docs/configuration.md, docs/mqtt.md): a strict ocpp-rpc
/// charge point asks the real central system, whose authorizer asks the cloud over a real mosquitto;
/// the test is the cloud, answering on the request's response topic with its correlation data.
/// </summary>
public sealed class CloudAuthorizationTests : IAsyncLifetime
{
    private const string Site = "site-auth";
    private const string Requests = $"chargenet/v1/{Site}/authorize";
    private const string Results = $"chargenet/v1/{Site}/authorize-result";

    private CloudSite _site = null!;

    public async Task InitializeAsync() => _site = await CloudSite.StartAsync(Site, new CloudSiteOptions
    {
        Site = site => site with { Authorization = Cloud(OfflineAuthorizations.LocalList) },
        Charger = CloudSite.OcppCharger.AuthorizedThroughTheCloud,
        Observe = Requests,
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task An_idTag_the_cloud_accepts_is_accepted_with_its_tariff_and_budget_and_the_start_that_follows_is_not_asked_again()
    {
        var authorize = _site.Charger.CallOkAsync("Authorize", new { idTag = "TAG-PAID" });
        var request = await NextRequestAsync(1);

        var json = request.Json;
        Assert.Equal(("TAG-PAID", "CP001"), (json.GetProperty("idTag").GetString(), json.GetProperty("chargerId").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("connectorId").ValueKind); // Authorize names no connector
        Assert.True(json.GetProperty("ts").TryGetDateTimeOffset(out _));
        Assert.Equal(Results, request.ResponseTopic);
        Assert.Equal(json.GetProperty("id").GetString(), Encoding.UTF8.GetString(request.CorrelationData!));
        await AnswerAsync(request, $$"""{"id":"{{json.GetProperty("id").GetString()}}","status":"Accepted","tariff":"residents","maxCost":50.5,"maxEnergyWh":20000}""");

        Assert.Equal("Accepted", (await authorize).GetProperty("idTagInfo").GetProperty("status").GetString());
        var start = await _site.Charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-PAID", 1000, "2026-12-02T05:00:00Z"));
        Assert.Equal("Accepted", start.GetProperty("idTagInfo").GetProperty("status").GetString());
        Assert.Single(_site.Cloud.On(Requests));

        // The terms go with the decision to where the session starts.
        var decision = _site.Authorizer.CloudDecisionFor("TAG-PAID", DateTimeOffset.UtcNow);
        Assert.Equal("cloud", decision!.Source);
        Assert.Equal("residents", decision.Tariff);
        Assert.Equal(50.5m, decision.MaxCost);
        Assert.Equal(20000.0, decision.MaxEnergyWh);
    }

    [Fact]
    public async Task An_idTag_the_cloud_blocks_is_refused()
    {
        var authorize = _site.Charger.CallOkAsync("Authorize", new { idTag = "TAG-BLOCKED" });
        var request = await NextRequestAsync(1);
        await AnswerAsync(request, $$"""{"id":"{{request.Json.GetProperty("id").GetString()}}","status":"Blocked"}""");

        Assert.Equal("Blocked", (await authorize).GetProperty("idTagInfo").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(OfflineAuthorizations.LocalList, "TAG-LISTED", "Accepted")]
    [InlineData(OfflineAuthorizations.LocalList, "TAG-UNKNOWN", "Invalid")]
    [InlineData(OfflineAuthorizations.Accept, "TAG-UNKNOWN", "Accepted")]
    [InlineData(OfflineAuthorizations.Reject, "TAG-UNKNOWN", "Invalid")]
    public async Task Without_the_clouds_answer_within_cloudTimeoutS_the_offline_rule_decides(string rule, string idTag, string expected)
    {
        await _site.Harness.Store.AuthorizationList.ReplaceAsync([new AuthorizationEntry("TAG-LISTED", "Accepted", null, null)], CancellationToken.None);
        await ApplyAsync(Cloud(rule));

        var answer = await _site.Charger.CallOkAsync("Authorize", new { idTag });

        Assert.Equal(expected, answer.GetProperty("idTagInfo").GetProperty("status").GetString());
        if (idTag == "TAG-UNKNOWN")
        {
            Assert.Single(_site.Cloud.On(Requests)); // asked, and not answered (a listed idTag is not asked)
        }
    }

    [Fact]
    public async Task An_answer_the_edge_cannot_read_is_no_answer_and_the_offline_rule_decides_at_once()
    {
        await ApplyAsync(Cloud(OfflineAuthorizations.Reject) with { CloudTimeoutS = 30 });
        var authorize = _site.Charger.CallOkAsync("Authorize", new { idTag = "TAG-ODD" });
        var request = await NextRequestAsync(1);
        await AnswerAsync(request, $$"""{"id":"{{request.Json.GetProperty("id").GetString()}}","status":"Maybe"}""");

        Assert.Equal("Invalid", (await authorize).GetProperty("idTagInfo").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Free_mode_accepts_every_idTag_without_asking()
    {
        await ApplyAsync(new AuthorizationSettings { Mode = AuthorizationModes.Free });

        var answer = await _site.Charger.CallOkAsync("Authorize", new { idTag = "ANYONE" });

        Assert.Equal("Accepted", answer.GetProperty("idTagInfo").GetProperty("status").GetString());
        Assert.Empty(_site.Cloud.On(Requests));
    }

    private static AuthorizationSettings Cloud(string offline) => new() { Mode = AuthorizationModes.Cloud, CloudTimeoutS = 1, Offline = offline };

    private async Task ApplyAsync(AuthorizationSettings authorization)
    {
        var site = _site.Harness.Configuration.Current!.Site;
        var applied = await _site.Harness.Configuration.ApplyAsync(SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(site) with { Authorization = authorization }), "test", "test", CancellationToken.None);
        Assert.True(applied.Accepted, string.Join("; ", applied.Problems));
    }

    private async Task<CloudObserver.Received> NextRequestAsync(int count) =>
        (await _site.Cloud.WaitForAsync(m => m.Count(x => x.Topic == Requests) >= count, what: "the authorize request")).Where(x => x.Topic == Requests).ElementAt(count - 1);

    private Task AnswerAsync(CloudObserver.Received request, string answer) =>
        _site.Cloud.PublishAsync(request.ResponseTopic!, answer, correlation: request.CorrelationData);
}
