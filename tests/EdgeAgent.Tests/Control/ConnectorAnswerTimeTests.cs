using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>Which answers <see cref="ConnectorRuntime"/> counts as its charger's answer time (docs/control-loop.md, "An overdue limit").</summary>
public sealed class ConnectorAnswerTimeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_limit_is_overdue_after_twice_its_chargers_slowest_answer_and_only_answers_that_came_straight_count()
    {
        // Four limits answered in 0.2 s each: the next is overdue 0.45 s after it is sent.
        var (runtime, t) = AnsweredInTime();
        AssertOverdueAfter(0.45, runtime, t);

        // None of these is its charger's answer time: a failed write (a timeout) after 5 s; a call the loop gave up, answered after
        // 4 s; a cut sent while a raise was still unanswered (it may have waited in the driver behind it), answered after 3 s; a
        // call the loop saw queued in its driver, answered after 2.5 s.
        var failed = runtime.TryBeginSend(6, t)!.Sent;
        runtime.CompleteSend(failed, SetpointOutcome.Failed, t.AddSeconds(5));
        t = t.AddSeconds(10);

        var givenUp = runtime.TryBeginSend(7, t)!.Sent;
        runtime.Track(givenUp, new CancellationTokenSource());
        runtime.GiveUp(givenUp, "test", chargersFault: true);
        runtime.CompleteSend(givenUp, SetpointOutcome.Accepted, t.AddSeconds(4));
        t = t.AddSeconds(10);

        var raise = runtime.TryBeginSend(12, t)!.Sent;
        var cut = runtime.TryBeginSend(8, t.AddSeconds(0.1))!.Sent;
        runtime.CompleteSend(raise, SetpointOutcome.Accepted, t.AddSeconds(0.2));
        runtime.CompleteSend(cut, SetpointOutcome.Accepted, t.AddSeconds(3.1));
        t = t.AddSeconds(10);

        var queued = runtime.TryBeginSend(9, t)!.Sent;
        runtime.MarkQueued();
        runtime.CompleteSend(queued, SetpointOutcome.Accepted, t.AddSeconds(2.5));
        t = t.AddSeconds(10);

        AssertOverdueAfter(0.45, runtime, t);

        // A refusal is an answer: one after 0.4 s makes the wait 0.8 s.
        var refused = runtime.TryBeginSend(5, t)!.Sent;
        runtime.CompleteSend(refused, SetpointOutcome.Rejected, t.AddSeconds(0.4));
        t = t.AddSeconds(10);
        AssertOverdueAfter(0.8, runtime, t);
    }

    [Fact]
    public void Nothing_is_overdue_while_no_limit_is_on_its_way()
    {
        var (runtime, _) = AnsweredInTime();
        Assert.Null(runtime.OverdueAt);
    }

    // A connector whose charger answered enough limits, 10 s apart, in 0.2 s each; and the moment for its next send.
    private static (ConnectorRuntime Runtime, DateTimeOffset Next) AnsweredInTime()
    {
        var runtime = new ConnectorRuntime("CP1", 1, 16);
        var t = T0;
        for (var k = 0; k < AnswerTimes.Needed; k++)
        {
            var sent = runtime.TryBeginSend(10 + k, t)!.Sent;
            runtime.CompleteSend(sent, SetpointOutcome.Accepted, t.AddSeconds(0.2));
            t = t.AddSeconds(10);
        }

        return (runtime, t);
    }

    // A limit sent at t (and left on its way) turns overdue this long after its send, to a tick: a send a moment after another is
    // kept a tick apart from it (ConnectorRuntime.TryBeginSend), and its answer time with it.
    private static void AssertOverdueAfter(double seconds, ConnectorRuntime runtime, DateTimeOffset t)
    {
        var sent = runtime.TryBeginSend(runtime.SentLimitA is 1 ? 2 : 1, t)!.Sent;
        var overdueAt = runtime.OverdueAt;
        runtime.CompleteSend(sent, SetpointOutcome.Failed, t.AddSeconds(5)); // not an answer: the window is unchanged
        Assert.NotNull(overdueAt);
        Assert.InRange((overdueAt.Value - sent.SentAt).TotalSeconds, seconds - 1e-6, seconds + 1e-6);
    }
}
