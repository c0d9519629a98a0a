using System.Text.Json;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// The real daemon (demo site) is killed with SIGKILL while its outbox holds messages the broker never
/// got; started again with the broker up, it sends every one of them, once each, in order.
/// </summary>
public sealed class CloudDaemonKillTests : IDisposable
{
    private const string Site = "kill-site";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-daemon-kill-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Messages_left_in_the_outbox_by_a_SIGKILL_arrive_once_each_and_in_order_after_the_restart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.StopAsync();
        var siteFile = await CloudDaemon.WriteSiteAsync(_dataDir, Site, broker.Port);

        // Broker down: the demo's events (cars arriving, chargers connecting) pile up in the outbox.
        await using (var first = CloudDaemon.Start(_dataDir, siteFile))
        {
            await first.WaitForLineCountAsync(l => l.Contains("demo.car.", StringComparison.Ordinal), 3, Timeout);
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(20));
        }

        List<(string Topic, string Id)> left;
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            left = [.. (await store.Outbox.PeekAsync(10_000, CancellationToken.None))
                .Where(m => m.Topic is "events" or "sessions")
                .Select(m => (m.Topic, JsonDocument.Parse(m.Payload).RootElement.GetProperty("id").GetString()!))];
        }

        Assert.True(left.Count >= 3, $"only {left.Count} events and sessions were left in the outbox");

        await broker.StartAgainAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, $"chargenet/v1/{Site}/+");
        await using var second = CloudDaemon.Start(_dataDir, siteFile);
        var expected = left.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var got = await cloud.WaitForAsync(
            m => expected.IsSubsetOf(m.Where(x => x.Topic.EndsWith("/events", StringComparison.Ordinal) || x.Topic.EndsWith("/sessions", StringComparison.Ordinal)).Select(x => x.Json.GetProperty("id").GetString()!)),
            Timeout,
            $"the {left.Count} messages left in the outbox");

        var arrived = got
            .Where(x => x.Topic.EndsWith("/events", StringComparison.Ordinal) || x.Topic.EndsWith("/sessions", StringComparison.Ordinal))
            .Select(x => (x.Topic[(x.Topic.LastIndexOf('/') + 1)..], x.Json.GetProperty("id").GetString()!))
            .Where(x => expected.Contains(x.Item2))
            .ToList();

        // The broker never had them, so each goes exactly once, in the order they were queued.
        Assert.Equal(left, arrived);
        await second.TerminateAsync();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }
}

