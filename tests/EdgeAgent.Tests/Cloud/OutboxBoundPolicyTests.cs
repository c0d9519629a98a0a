using ChargeNet.EdgeAgent.Cloud;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

public sealed class OutboxBoundPolicyTests
{
    [Fact]
    public void Below_the_bound_everything_goes_in_and_nothing_is_dropped() =>
        Assert.Equal(new OutboxAdmission(true, 0, 0), OutboxBoundPolicy.Decide(CloudTopics.Events, 99, 50, 49, 100));

    [Fact]
    public void When_full_the_oldest_telemetry_gives_way_first() =>
        Assert.Equal(new OutboxAdmission(true, 1, 0), OutboxBoundPolicy.Decide(CloudTopics.Events, 100, 10, 60, 100));

    [Fact]
    public void Without_telemetry_left_an_event_displaces_the_oldest_event() =>
        Assert.Equal(new OutboxAdmission(true, 0, 1), OutboxBoundPolicy.Decide(CloudTopics.Events, 100, 0, 60, 100));

    [Fact]
    public void New_telemetry_never_displaces_events_or_sessions() =>
        Assert.Equal(new OutboxAdmission(false, 0, 0), OutboxBoundPolicy.Decide(CloudTopics.Telemetry, 100, 0, 60, 100));

    [Fact]
    public void A_session_is_always_admitted_and_sessions_are_never_dropped()
    {
        var full = OutboxBoundPolicy.Decide(CloudTopics.Sessions, 100, 0, 0, 100);
        Assert.Equal(new OutboxAdmission(true, 0, 0, OverBound: true), full);
        Assert.True(full.Noteworthy); // admitted past the bound, but not in silence
        Assert.Equal(new OutboxAdmission(false, 0, 0), OutboxBoundPolicy.Decide(CloudTopics.Events, 100, 0, 0, 100));
    }
}
