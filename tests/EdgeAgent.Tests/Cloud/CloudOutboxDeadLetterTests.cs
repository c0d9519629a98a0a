using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

/// <summary>A message the broker keeps refusing, and sessions past the bound, over a real LiteDB file.</summary>
public sealed class CloudOutboxDeadLetterTests : IDisposable
{
    private readonly TestStore _file = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(TestStore.T0);

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_message_refused_three_times_is_moved_aside_with_an_event_and_the_next_one_is_first()
    {
        using var outbox = Outbox(new CloudSyncOptions { OutboxMaxRefusals = 3 });
        await outbox.EnqueueAsync(CloudTopics.Sessions, "poison", CancellationToken.None);
        await outbox.EnqueueAsync(CloudTopics.Sessions, "next", CancellationToken.None);
        var poison = (await outbox.PeekAsync(1, CancellationToken.None))[0];

        Assert.False(await outbox.RefusedAsync(poison, "NotAuthorized", CancellationToken.None));
        Assert.False(await outbox.RefusedAsync(poison, "NotAuthorized", CancellationToken.None));
        Assert.Equal("poison", (await outbox.PeekAsync(1, CancellationToken.None))[0].Payload);
        Assert.True(await outbox.RefusedAsync(poison, "NotAuthorized", CancellationToken.None));

        var left = await outbox.PeekAsync(10, CancellationToken.None);
        Assert.Equal("next", left[0].Payload);
        Assert.DoesNotContain(left, m => m.Payload == "poison");
        _file.Reopen(); // kept in the file, not only in memory
        var dead = Assert.Single(await _file.Store.Outbox.DeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(("poison", "sessions", "NotAuthorized", poison.Sequence), (dead.Message.Payload, dead.Message.Topic, dead.Reason, dead.Message.Sequence));
        var announced = await _file.Store.Events.ListAsync(10, 0, CancellationToken.None);
        Assert.Contains(announced, e => e.Code == OutboxDeadLetters.EventCode && e.Message.Contains($"message {poison.Sequence}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_dead_letter_announcement_is_moved_aside_without_announcing_itself_again()
    {
        var events = new SiteEventLog(_file.Store, _time, NullLogger<SiteEventLog>.Instance);
        using var outbox = new CloudOutbox(_file.Store, events, Options.Create(new CloudSyncOptions { OutboxMaxRefusals = 1 }), _time, NullLogger<CloudOutbox>.Instance);
        using var feeder = new CloudOutboxFeeder(outbox, events, NullLogger<CloudOutboxFeeder>.Instance); // events go to the outbox
        await outbox.EnqueueAsync(CloudTopics.Sessions, "poison", CancellationToken.None);
        Assert.True(await outbox.RefusedAsync((await outbox.PeekAsync(1, CancellationToken.None))[0], "NotAuthorized", CancellationToken.None));
        var announcement = Assert.Single(await outbox.PeekAsync(10, CancellationToken.None), m => m.Topic == CloudTopics.Events);

        Assert.True(await outbox.RefusedAsync(announcement, "NotAuthorized", CancellationToken.None));

        Assert.Empty(await outbox.PeekAsync(10, CancellationToken.None));
        Assert.Single(await _file.Store.Events.ListAsync(10, 0, CancellationToken.None), e => e.Code == OutboxDeadLetters.EventCode);
    }

    [Fact]
    public async Task A_session_admitted_past_the_bound_is_announced_not_silent()
    {
        using var outbox = Outbox(new CloudSyncOptions { OutboxMaxMessages = 2 });
        await outbox.EnqueueAsync(CloudTopics.Sessions, "s1", CancellationToken.None);
        await outbox.EnqueueAsync(CloudTopics.Sessions, "s2", CancellationToken.None);

        Assert.True(await outbox.EnqueueAsync(CloudTopics.Sessions, "s3", CancellationToken.None));

        var events = await _file.Store.Events.ListAsync(10, 0, CancellationToken.None);
        Assert.Single(events, e => e.Code == "cloud.outbox.full");
    }

    private CloudOutbox Outbox(CloudSyncOptions options) =>
        new(_file.Store, new SiteEventLog(_file.Store, _time, NullLogger<SiteEventLog>.Instance), Options.Create(options), _time, NullLogger<CloudOutbox>.Instance);
}
