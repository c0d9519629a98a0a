using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class ConnectorRuntimeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Response = TimeSpan.FromSeconds(5);

    [Fact]
    public void An_older_limit_accepted_after_a_newer_one_leaves_the_order_at_the_charger_unknown_until_the_newer_is_sent_again()
    {
        // 7 A is sent, then 0 A supersedes it before the charger answered. The charger accepts the 0 A, and
        // then — late — the 7 A: which of the two it applied last is unknown, so both may be in force.
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        var raise = runtime.TryBeginSend(7, T0)!;
        var pause = runtime.TryBeginSend(0, T0.AddSeconds(1))!;
        runtime.CompleteSend(pause, SetpointOutcome.Accepted, T0.AddSeconds(1.5));
        runtime.CompleteSend(raise, SetpointOutcome.Accepted, T0.AddSeconds(3));

        var later = T0.AddSeconds(60);
        Assert.Equal(7, runtime.History.InForce(later - Response, later, includeUnknown: false).MostA);

        // The 0 A counts as unconfirmed, so the loop sends it again; once accepted, it is the one in force.
        Assert.False(runtime.Confirmed);
        var again = runtime.TryBeginSend(0, later)!;
        runtime.CompleteSend(again, SetpointOutcome.Accepted, later.AddSeconds(0.5));
        var settled = later.AddSeconds(10);
        Assert.Equal((0, 0), runtime.History.InForce(settled - Response, settled, includeUnknown: false));
    }

    [Fact]
    public void Only_a_send_behind_a_decrease_left_unanswered_for_the_wait_gives_up_the_sends_on_their_way()
    {
        // docs/control-loop.md, Session 15: the loop gives up waiting for an unanswered decrease and its driver the call.
        var wait = TimeSpan.FromSeconds(3.5);
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        var raise = runtime.TryBeginSend(16, T0)!;
        runtime.CompleteSend(raise, SetpointOutcome.Accepted, T0.AddSeconds(1));
        Assert.NotNull(runtime.TryBeginSend(10, T0.AddSeconds(2)));
        var first = runtime.GiveUpToken;

        // A lower limit supersedes the unanswered one without giving it up, and before the wait nothing goes again.
        Assert.NotNull(runtime.TryBeginSend(6, T0.AddSeconds(3), wait));
        Assert.Null(runtime.TryBeginSend(6, T0.AddSeconds(6), wait));
        Assert.False(first.IsCancellationRequested);

        // Once the newest has been unanswered for the wait, it goes again and both calls on their way are given up.
        Assert.NotNull(runtime.TryBeginSend(6, T0.AddSeconds(6.5), wait));
        Assert.True(first.IsCancellationRequested);
        Assert.False(runtime.GiveUpToken.IsCancellationRequested);
    }

    [Fact]
    public void Its_chargers_answers_to_the_last_sixteen_limits_are_kept_refused_and_failed_as_not_taken()
    {
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        Assert.Equal(new LimitAnswers(0, 0), runtime.Answers);

        var at = T0;
        void Answer(SetpointOutcome outcome)
        {
            at = at.AddSeconds(1);
            var sent = runtime.TryBeginSend(6, at)!;
            runtime.CompleteSend(sent, outcome, at.AddSeconds(0.5));
        }

        Answer(SetpointOutcome.Rejected);
        Answer(SetpointOutcome.Failed);
        Answer(SetpointOutcome.Accepted);
        Assert.Equal((3, 2), (runtime.Answers.Count, runtime.Answers.NotTaken));

        // Once sixteen newer answers came, the refusals have left the window: the charger is judged by its latest answers.
        for (var k = 0; k < 14; k++)
        {
            Answer(SetpointOutcome.Accepted);
        }

        Assert.Equal((16, 1), (runtime.Answers.Count, runtime.Answers.NotTaken));
        Answer(SetpointOutcome.Accepted);
        Assert.Equal((16, 0), (runtime.Answers.Count, runtime.Answers.NotTaken));
    }
}
