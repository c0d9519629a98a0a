using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// A crash between the broker's PUBACK and the outbox delete (real mosquitto, real LiteDB file): the
/// message is still queued after the restart and goes again, once — the one duplicate docs/mqtt.md
/// allows (at most the batch acknowledged but not yet deleted), which the cloud drops by its id.
/// </summary>
public sealed class CloudPubackCrashTests : IAsyncLifetime, IDisposable
{
    private const string Site = "site-puback";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-puback-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task A_crash_between_the_puback_and_the_delete_sends_the_message_again_once_after_the_restart()
    {
        await using var cloud = await CloudObserver.ConnectAsync(_broker.Port, $"chargenet/v1/{Site}/events");
        CrashBeforeDeleteStore? frozen = null;
        var first = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site(Site, _broker.Port), wrapStore: file => frozen = new CrashBeforeDeleteStore(file));
        await first.Outbox.EnqueueAsync(CloudTopics.Events, """{"id":"m-1"}""", CancellationToken.None);
        await frozen!.Acknowledged.WaitAsync(TimeSpan.FromSeconds(30)); // the broker took it: PUBACK in hand, delete not done
        await cloud.WaitForAsync(m => m.Count(x => x.Payload.Contains("m-1", StringComparison.Ordinal)) == 1, what: "the first delivery");

        var stopping = first.Link.StopAsync(CancellationToken.None); // no reconnect in this process
        frozen.Crash();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        await using var restarted = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site(Site, _broker.Port));
        await cloud.WaitForAsync(m => m.Count(x => x.Payload.Contains("m-1", StringComparison.Ordinal)) == 2, what: "the delivery after the restart");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await restarted.Store.Outbox.CountAsync(CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, await restarted.Store.Outbox.CountAsync(CancellationToken.None)); // deleted this time
        await restarted.Events.RaiseAsync(EventSeverities.Info, "test", "test.after", "after the repeat", CancellationToken.None);
        await cloud.WaitForAsync(m => m.Any(x => x.Payload.Contains("test.after", StringComparison.Ordinal)), what: "a later event");
        Assert.Equal(2, cloud.Messages.Count(x => x.Payload.Contains("m-1", StringComparison.Ordinal))); // once more, not again and again
    }
}
