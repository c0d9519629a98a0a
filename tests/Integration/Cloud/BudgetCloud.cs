using System.Text.Json;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>The cloud's side of the budget tests: a site's commands and their results, and the sessions it publishes.</summary>
internal static class BudgetCloud
{
    // Telemetry goes out once the edge has subscribed to its commands (the status goes before).
    public static Task<IReadOnlyList<CloudObserver.Received>> EdgeOnlineAsync(CloudObserver cloud, string site) =>
        cloud.WaitForAsync(m => m.Any(x => x.Topic == $"chargenet/v1/{site}/telemetry"), TimeSpan.FromSeconds(60), "the edge's telemetry");

    /// <summary>Sends <c>cmd/{command}</c> and gives its result from <c>cmd-result</c>.</summary>
    public static async Task<JsonElement> CommandAsync(CloudObserver cloud, string site, string command, string payload)
    {
        var id = JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString();
        bool IsResult(CloudObserver.Received x) => x.Topic == $"chargenet/v1/{site}/cmd-result" && x.Json.GetProperty("id").GetString() == id;
        await cloud.PublishAsync($"chargenet/v1/{site}/cmd/{command}", payload);
        return (await cloud.WaitForAsync(m => m.Any(IsResult), TimeSpan.FromSeconds(30), "the result of " + id)).Single(IsResult).Json;
    }

    /// <summary>The one session published on <c>sessions</c> that <paramref name="match"/> picks, once it is there.</summary>
    public static async Task<JsonElement> PublishedSessionAsync(CloudObserver cloud, string site, Func<JsonElement, bool> match)
    {
        bool Match(CloudObserver.Received x) => x.Topic == $"chargenet/v1/{site}/sessions" && match(x.Json);
        return (await cloud.WaitForAsync(m => m.Any(Match), TimeSpan.FromSeconds(30), "the session on MQTT")).Single(Match).Json;
    }
}
