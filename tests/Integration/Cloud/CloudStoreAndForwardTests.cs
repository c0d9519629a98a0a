using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>Events reach a real mosquitto exactly as they happened: through outages, broker restarts and a new process.</summary>
public sealed class CloudStoreAndForwardTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-sf-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Events_raised_while_the_broker_is_down_arrive_once_each_in_order_after_it_restarts()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site("site-sf", broker.Port));
        await harness.WaitConnectedAsync();
        await harness.Events.RaiseAsync(EventSeverities.Info, "test", "test.before", "before the outage", CancellationToken.None);

        // The cloud's subscription outlives the broker restart (saved on a clean stop), so it cannot
        // miss what the edge sends the moment the broker is back, however fast that is.
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, "chargenet/v1/site-sf/events", persistentSession: true);
        await broker.StopAsync(graceful: true);
        await harness.WaitConnectedAsync(connected: false);
        for (var i = 0; i < 50; i++)
        {
            await harness.Events.RaiseAsync(EventSeverities.Warning, "test", "test.outage", $"during the outage #{i}", CancellationToken.None);
        }

        Assert.True(await harness.Store.Outbox.CountAsync(CancellationToken.None) >= 50, "the events are in the outbox while the broker is away");

        await broker.StartAgainAsync();
        await cloud.ReconnectAsync();
        var received = await cloud.WaitForAsync(m => m.Count(x => x.Payload.Contains("test.outage", StringComparison.Ordinal)) >= 50, TimeSpan.FromSeconds(20), "the 50 outage events");

        var outage = received.Select(m => m.Json).Where(j => j.GetProperty("code").GetString() == "test.outage").ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"during the outage #{i}"), outage.Select(j => j.GetProperty("message").GetString()));
        Assert.Equal(50, outage.Select(j => j.GetProperty("id").GetString()).Distinct().Count());
        await WaitOutboxEmptyAsync(harness);
    }

    [Fact]
    public async Task An_outbox_left_by_a_previous_process_is_sent_by_the_next()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.StopAsync();
        var first = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site("site-reopen", broker.Port));
        for (var i = 0; i < 20; i++)
        {
            await first.Events.RaiseAsync(EventSeverities.Info, "test", "test.left", $"left behind #{i}", CancellationToken.None);
        }

        await first.DisposeAsync();

        await broker.StartAgainAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, "chargenet/v1/site-reopen/events");
        await using var second = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site("site-reopen", broker.Port));
        var received = await cloud.WaitForAsync(m => m.Count >= 20, TimeSpan.FromSeconds(20), "the 20 events of the first process");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"left behind #{i}"), received.Take(20).Select(m => m.Json.GetProperty("message").GetString()));
        await WaitOutboxEmptyAsync(second);
    }

    private static async Task WaitOutboxEmptyAsync(CloudHarness harness)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await harness.Store.Outbox.CountAsync(CancellationToken.None) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "acknowledged messages are removed from the outbox");
            await Task.Delay(20);
        }
    }
}
