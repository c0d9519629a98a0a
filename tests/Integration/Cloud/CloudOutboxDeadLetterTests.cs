using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// A message a real mosquitto refuses for good (its access list denies the topic: an MQTT 5 PUBACK
/// with Not authorized) no longer holds up the outbox: after a few refusals it is moved aside into
/// the dead letters with an event, and what is behind it reaches the cloud.
/// </summary>
public sealed class CloudOutboxDeadLetterTests : IAsyncLifetime, IDisposable
{
    private const string Site = "site-dead";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-dead-").FullName;
    private MosquittoBroker _broker = null!;
    private CloudHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartWithAclAsync("topic readwrite #", $"topic deny chargenet/v1/{Site}/sessions");
        _harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site(Site, _broker.Port));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _broker.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task A_session_the_broker_keeps_refusing_is_moved_aside_and_the_event_behind_it_is_delivered()
    {
        await using var cloud = await CloudObserver.ConnectAsync(_broker.Port, $"chargenet/v1/{Site}/events");
        await _harness.Outbox.EnqueueAsync(CloudTopics.Sessions, """{"id":"s-poison"}""", CancellationToken.None);
        await _harness.Events.RaiseAsync(EventSeverities.Info, "test", "test.behind", "behind the refused session", CancellationToken.None);

        var received = await cloud.WaitForAsync(
            m => m.Any(x => x.Payload.Contains("test.behind", StringComparison.Ordinal)) && m.Any(x => x.Payload.Contains(OutboxDeadLetters.EventCode, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the event behind the refused session and the dead-letter event");

        var dead = Assert.Single(await _harness.Store.Outbox.DeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(("sessions", """{"id":"s-poison"}"""), (dead.Message.Topic, dead.Message.Payload));
        Assert.Contains("NotAuthorized", dead.Reason, StringComparison.Ordinal);
        Assert.Contains(received, m => m.Payload.Contains(OutboxDeadLetters.EventCode, StringComparison.Ordinal) && m.Payload.Contains("sessions", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await _harness.Store.Outbox.CountAsync(CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, await _harness.Store.Outbox.CountAsync(CancellationToken.None));
    }
}
