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
        var raise = runtime.TryBeginSend(7, T0)!.Sent;
        var pause = runtime.TryBeginSend(0, T0.AddSeconds(1))!.Sent;
        runtime.CompleteSend(pause, SetpointOutcome.Accepted, T0.AddSeconds(1.5));
        runtime.CompleteSend(raise, SetpointOutcome.Accepted, T0.AddSeconds(3));

        var later = T0.AddSeconds(60);
        Assert.Equal(7, runtime.History.InForce(later - Response, later, includeUnknown: false).MostA);

        // The 0 A counts as unconfirmed, so the loop sends it again; once accepted, it is the one in force.
        Assert.False(runtime.Confirmed);
        var again = runtime.TryBeginSend(0, later)!.Sent;
        runtime.CompleteSend(again, SetpointOutcome.Accepted, later.AddSeconds(0.5));
        var settled = later.AddSeconds(10);
        Assert.Equal((0, 0), runtime.History.InForce(settled - Response, settled, includeUnknown: false));
    }

    [Fact]
    public void Two_sends_begun_in_one_instant_are_answered_and_given_up_each_on_its_own()
    {
        // A cut to 14 A, and in the same instant a deeper one to 10 A (the cycle planned again for a cut that queued): the charger
        // takes one call at a time, so the 14 A is answered first. Keyed by their shared time, its answer landed on the 10 A.
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        runtime.CompleteSend(runtime.TryBeginSend(16, T0)!.Sent, SetpointOutcome.Accepted, T0.AddSeconds(0.5));
        var now = T0.AddSeconds(10);
        var cut = runtime.TryBeginSend(14, now)!.Sent;
        var deeper = runtime.TryBeginSend(10, now)!;
        Assert.Same(cut, deeper.Superseded);
        Assert.True(deeper.Sent.SentAt > cut.SentAt, "the two sends share their time");

        // Giving up the first (its driver queued the deeper cut behind it) leaves the deeper one on its way.
        using var cutSend = new CancellationTokenSource();
        using var deeperSend = new CancellationTokenSource();
        runtime.Track(cut, cutSend);
        runtime.Track(deeper.Sent, deeperSend);
        runtime.GiveUp(cut, "superseded");
        Assert.True(cutSend.IsCancellationRequested);
        Assert.False(deeperSend.IsCancellationRequested, "the deeper cut was given up with the one it supersedes");

        // The 14 A accepted: the 10 A is still unanswered. Then the 10 A refused: the charger holds the 14 A.
        runtime.CompleteSend(cut, SetpointOutcome.Accepted, now.AddSeconds(1));
        Assert.Equal(14, runtime.History.Confirmed!.LimitA);
        Assert.False(runtime.Confirmed, "the 14 A's answer confirmed the 10 A");
        runtime.CompleteSend(deeper.Sent, SetpointOutcome.Rejected, now.AddSeconds(2));
        Assert.Equal(14, runtime.History.Confirmed!.LimitA);
        var settled = now.AddSeconds(10);
        Assert.Equal(14, runtime.History.InForce(settled - Response, settled, includeUnknown: false).MostA);
    }

    [Fact]
    public void A_charger_is_judged_to_refuse_pauses_by_kind_after_that_many_refused_in_a_row_and_no_longer_once_it_takes_one()
    {
        // docs/control-loop-sessions.md, Session 22, "A charger that refuses 0 A": refusals of 0 A count, a lost send and a refused cut
        // do not break the run, an accepted 0 A ends it.
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        var at = T0;
        void Answer(double limitA, SetpointOutcome outcome)
        {
            at = at.AddSeconds(1);
            runtime.CompleteSend(runtime.TryBeginSend(limitA, at)!.Sent, outcome, at.AddSeconds(0.5));
        }

        for (var k = 1; k < ConnectorRuntime.PausesRefusedByKind; k++)
        {
            Answer(0, SetpointOutcome.Rejected);
            Answer(6, SetpointOutcome.Rejected);
        }

        Answer(0, SetpointOutcome.Failed);
        Assert.Equal((ConnectorRuntime.PausesRefusedByKind - 1, false), (runtime.PausesRefusedInARow, runtime.RefusesPausesByKind));

        Answer(0, SetpointOutcome.Rejected);
        Assert.True(runtime.RefusesPausesByKind);

        Answer(0, SetpointOutcome.Accepted);
        Assert.Equal((0, false), (runtime.PausesRefusedInARow, runtime.RefusesPausesByKind));
    }

    [Fact]
    public void Chargers_that_refuse_0_A_by_chance_or_time_out_are_not_judged_to_refuse_pauses_by_kind_while_one_that_never_takes_0_A_is()
    {
        // docs/control-loop-sessions.md, Session 23, "A tighter mark": main marked a charger after 8 pauses refused in a row, whatever it
        // had taken before. The bench's coin refuser (half its limits refused at random) and its charger that times out or refuses
        // (a third of its sends lost, half refused) reach 8 in a row now and then; neither is of the kind.
        var at = T0;
        void Answer(ConnectorRuntime runtime, double limitA, SetpointOutcome outcome)
        {
            at = at.AddSeconds(1);
            runtime.CompleteSend(runtime.TryBeginSend(limitA, at)!.Sent, outcome, at.AddSeconds(0.5));
        }

        // A coin refuser that took a pause once: however many it refuses in a row after, it refuses by chance.
        var coin = new ConnectorRuntime("coin", 1, unknownLimitA: 32);
        Answer(coin, 0, SetpointOutcome.Rejected);
        Answer(coin, 0, SetpointOutcome.Accepted);
        Answer(coin, 16, SetpointOutcome.Rejected);
        Answer(coin, 16, SetpointOutcome.Accepted);
        for (var k = 0; k < 2 * ConnectorRuntime.PausesRefusedByKind; k++)
        {
            Answer(coin, 0, SetpointOutcome.Rejected);
        }

        Assert.False(coin.RefusesPausesByKind, $"a charger that took a 0 A, then refused {coin.PausesRefusedInARow} in a row, is marked");

        // A charger that times out or refuses, in its first run of pauses (s12's and u41's were 10 and 11 long): not yet marked,
        // and once it took one, never again.
        var timingOut = new ConnectorRuntime("timing-out", 1, unknownLimitA: 32);
        for (var k = 0; k < 11; k++)
        {
            Answer(timingOut, 0, SetpointOutcome.Rejected);
            Answer(timingOut, 0, SetpointOutcome.Failed);
        }

        Assert.False(timingOut.RefusesPausesByKind, $"a charger that refused its first {timingOut.PausesRefusedInARow} pauses in a row is marked");
        Answer(timingOut, 0, SetpointOutcome.Accepted);
        for (var k = 0; k < 2 * ConnectorRuntime.PausesRefusedByKind; k++)
        {
            Answer(timingOut, 0, SetpointOutcome.Rejected);
            Answer(timingOut, 0, SetpointOutcome.Failed);
        }

        Assert.False(timingOut.RefusesPausesByKind, $"a charger that took a 0 A, then refused {timingOut.PausesRefusedInARow} in a row, is marked");

        // The kind — a firmware that takes no limit under the car's minimum — never takes a 0, takes its cuts, loses a send now and
        // then: marked at the 16th refusal, and it stays marked.
        var kind = new ConnectorRuntime("kind", 1, unknownLimitA: 32);
        for (var k = 1; k < ConnectorRuntime.PausesRefusedByKind; k++)
        {
            Answer(kind, 0, SetpointOutcome.Rejected);
            Answer(kind, k % 3 == 0 ? 0 : 6, k % 3 == 0 ? SetpointOutcome.Failed : SetpointOutcome.Accepted);
        }

        Assert.False(kind.RefusesPausesByKind);
        Answer(kind, 0, SetpointOutcome.Rejected);
        Answer(kind, 6, SetpointOutcome.Accepted);
        Assert.True(kind.RefusesPausesByKind, $"a charger that never took a 0 A and refused {kind.PausesRefusedInARow} in a row is not marked");
    }

    [Fact]
    public void Only_a_send_behind_a_decrease_left_unanswered_for_the_wait_is_waited_out()
    {
        // docs/control-loop-sessions.md, Session 15: the loop gives up waiting for an unanswered decrease (and the calls on their way).
        var wait = TimeSpan.FromSeconds(3.5);
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        var raise = runtime.TryBeginSend(16, T0)!;
        Assert.Equal((null, false), (raise.Superseded, raise.WaitedOut));
        runtime.CompleteSend(raise.Sent, SetpointOutcome.Accepted, T0.AddSeconds(1));
        var cut = runtime.TryBeginSend(10, T0.AddSeconds(2))!;
        Assert.Equal((null, false), (cut.Superseded, cut.WaitedOut));

        // A lower limit supersedes the unanswered one without waiting it out, and before the wait nothing goes again.
        var lower = runtime.TryBeginSend(6, T0.AddSeconds(3), wait)!;
        Assert.Equal((cut.Sent, false), (lower.Superseded, lower.WaitedOut));
        Assert.Null(runtime.TryBeginSend(6, T0.AddSeconds(6), wait));
        Assert.Null(runtime.TryBeginSend(6, T0.AddSeconds(6.5), null));

        // Once the newest has been unanswered for the wait, it goes again, and says so.
        var again = runtime.TryBeginSend(6, T0.AddSeconds(6.5), wait)!;
        Assert.Equal((lower.Sent, true), (again.Superseded, again.WaitedOut));
    }

    [Fact]
    public void A_give_up_ends_the_send_it_names_and_every_one_before_it_never_a_newer_one()
    {
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        var (first, second, third) = (Begin(runtime, 16, T0), Begin(runtime, 10, T0.AddSeconds(1)), Begin(runtime, 6, T0.AddSeconds(2)));

        runtime.GiveUp(second.Sent, "superseded");
        Assert.True(first.Cancel.IsCancellationRequested);
        Assert.True(second.Cancel.IsCancellationRequested);
        Assert.False(third.Cancel.IsCancellationRequested);
        Assert.Equal("superseded", runtime.GivenUpWhy(first.Sent));
        Assert.Null(runtime.GivenUpWhy(third.Sent));
    }

    [Fact]
    public void Two_sends_superseded_in_a_row_are_both_given_up_neither_counted_as_the_chargers_failure()
    {
        // 16 A unanswered, superseded by 10 A (given up), which is superseded by 6 A (given up) before the first give-up's
        // completion ran: each keeps its own mark (docs/control-loop-sessions.md, Session 16, "One give-up"). With one slot for "the
        // send given up", the first one's failure was counted as the charger's.
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        var raise = Begin(runtime, 16, T0);
        var cut = Begin(runtime, 10, T0.AddSeconds(1));
        runtime.GiveUp(raise.Sent, "superseded by 10 A");
        var pause = Begin(runtime, 6, T0.AddSeconds(2));
        runtime.GiveUp(cut.Sent, "superseded by 6 A");
        Assert.True(raise.Cancel.IsCancellationRequested && cut.Cancel.IsCancellationRequested);

        Assert.False(runtime.CompleteSend(raise.Sent, SetpointOutcome.Failed, T0.AddSeconds(2.1)));
        Assert.False(runtime.CompleteSend(cut.Sent, SetpointOutcome.Failed, T0.AddSeconds(2.1)));
        Assert.True(runtime.CompleteSend(pause.Sent, SetpointOutcome.Accepted, T0.AddSeconds(2.5)));
        Assert.Equal((1, 0), (runtime.Answers.Count, runtime.Answers.NotTaken));

        // Both given-up limits counted as may be in force until the 6 A was accepted.
        Assert.Equal(16, runtime.History.InForce(T0.AddSeconds(2.2), T0.AddSeconds(2.3), includeUnknown: false).MostA);
    }

    private static (SetpointState Sent, CancellationTokenSource Cancel) Begin(ConnectorRuntime runtime, double limitA, DateTimeOffset at)
    {
        var sent = runtime.TryBeginSend(limitA, at)!.Sent;
        var cancel = new CancellationTokenSource();
        runtime.Track(sent, cancel);
        return (sent, cancel);
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
            var sent = runtime.TryBeginSend(6, at)!.Sent;
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
