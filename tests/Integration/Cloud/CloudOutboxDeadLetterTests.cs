using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// A message a real mosquitto refuses for good (its access list denies the topic: an MQTT 5 PUBACK
/// with Not authorized) no longer holds up the outbox: after a few refusals it is moved aside into
/// the dead letters with an event, and what is behind it reaches the cloud.
/// </summary>
public sealed class CloudOutboxDeadLetterTests : IAsyncLifetime
{
    private const string Site = "site-dead";

    private CloudSite _site = null!;

    public async Task InitializeAsync() => _site = await CloudSite.StartAsync(Site, new CloudSiteOptions { Broker = () => MosquittoBroker.StartWithAclAsync("topic readwrite #", $"topic deny chargenet/v1/{Site}/sessions"), Observe = null });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_session_the_broker_keeps_refusing_is_moved_aside_and_the_event_behind_it_is_delivered()
    {
        await using var cloud = await CloudObserver.ConnectAsync(_site.Broker.Port, $"chargenet/v1/{Site}/events");
        await _site.Harness.Outbox.EnqueueAsync(CloudTopics.Sessions, """{"id":"s-poison"}""", CancellationToken.None);
        await _site.Harness.Events.RaiseAsync(EventSeverities.Info, "test", "test.behind", "behind the refused session", CancellationToken.None);

        var received = await cloud.WaitForAsync(
            m => m.Any(x => x.Payload.Contains("test.behind", StringComparison.Ordinal)) && m.Any(x => x.Payload.Contains(OutboxDeadLetters.EventCode, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the event behind the refused session and the dead-letter event");

        var dead = Assert.Single(await _site.Harness.Store.Outbox.DeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(("sessions", """{"id":"s-poison"}"""), (dead.Message.Topic, dead.Message.Payload));
        Assert.Contains("NotAuthorized", dead.Reason, StringComparison.Ordinal);
        Assert.Contains(received, m => m.Payload.Contains(OutboxDeadLetters.EventCode, StringComparison.Ordinal) && m.Payload.Contains("sessions", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await _site.Harness.Store.Outbox.CountAsync(CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, await _site.Harness.Store.Outbox.CountAsync(CancellationToken.None));
    }
}
