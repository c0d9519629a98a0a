using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class LimitHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Response = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_confirmed_decrease_counts_the_old_limit_until_the_cars_response_time_has_passed()
    {
        var history = LimitHistory.Start(32).Sent(16, T0).Answered(T0, LimitEpochState.Accepted, T0.AddSeconds(1));
        history = history.Sent(10, T0.AddSeconds(60)).Answered(T0.AddSeconds(60), LimitEpochState.Accepted, T0.AddSeconds(61));

        var during = T0.AddSeconds(64);
        Assert.Equal((10, 16), history.InForce(during - Response, during, includeUnknown: true));
        var after = T0.AddSeconds(66.1);
        Assert.Equal((10, 10), history.InForce(after - Response, after, includeUnknown: true));
    }

    [Fact]
    public void Before_any_confirmation_the_chargers_own_limit_counts_at_its_maximum_and_a_timed_out_limit_stays_possible()
    {
        // The charger's own limit is a ceiling, not a draw: under it the car may take anything from 0 A.
        var history = LimitHistory.Start(32);
        Assert.Equal((0, 32), history.InForce(T0, T0, includeUnknown: true));
        Assert.Equal((0, 0), history.InForce(T0, T0, includeUnknown: false));

        history = history.Sent(20, T0).Answered(T0, LimitEpochState.Failed, T0.AddSeconds(5));
        var later = T0.AddSeconds(120);
        Assert.Equal((0, 32), history.InForce(later - Response, later, includeUnknown: true));
        Assert.Equal((20, 20), history.InForce(later - Response, later, includeUnknown: false));
    }

    [Fact]
    public void A_rejected_limit_ends_with_its_answer_and_the_confirmed_one_before_it_stays()
    {
        var history = LimitHistory.Start(32).Sent(16, T0).Answered(T0, LimitEpochState.Accepted, T0.AddSeconds(1));
        history = history.Sent(8, T0.AddSeconds(30)).Answered(T0.AddSeconds(30), LimitEpochState.Rejected, T0.AddSeconds(31));
        var later = T0.AddSeconds(60);
        Assert.Equal((16, 16), history.InForce(later - Response, later, includeUnknown: true));
        Assert.Equal(16, history.Confirmed!.LimitA);
    }

    [Fact]
    public void A_decrease_is_unconfirmed_until_the_charger_accepts_it_or_it_is_older_than_the_window()
    {
        var history = LimitHistory.Start(32).Sent(16, T0).Answered(T0, LimitEpochState.Accepted, T0.AddSeconds(1));
        Assert.False(history.DecreaseUnconfirmedSince(T0.AddSeconds(-5)));

        // A raise on its way is no decrease; a decrease on its way, refused or failed is one.
        var raising = history.Sent(20, T0.AddSeconds(10));
        Assert.False(raising.DecreaseUnconfirmedSince(T0.AddSeconds(6)));
        var lowering = history.Sent(8, T0.AddSeconds(10));
        Assert.True(lowering.DecreaseUnconfirmedSince(T0.AddSeconds(6)));
        Assert.True(lowering.Answered(T0.AddSeconds(10), LimitEpochState.Rejected, T0.AddSeconds(11)).DecreaseUnconfirmedSince(T0.AddSeconds(6)));

        // Accepted, or sent before the window: no longer holds anything back.
        Assert.False(lowering.Answered(T0.AddSeconds(10), LimitEpochState.Accepted, T0.AddSeconds(11)).DecreaseUnconfirmedSince(T0.AddSeconds(6)));
        Assert.False(lowering.DecreaseUnconfirmedSince(T0.AddSeconds(10)));
    }

    [Fact]
    public void A_cut_sent_again_after_one_that_timed_out_is_still_a_decrease()
    {
        // 16 A accepted; the cut to 6 A timed out (it may or may not be in force: 16 A may be), and is sent again. Compared with
        // the cut before it only, the resend was no decrease: the connector's high end was taken at 6 A while its car may draw 16.
        var history = LimitHistory.Start(32).Sent(16, T0).Answered(T0, LimitEpochState.Accepted, T0.AddSeconds(1))
            .Sent(6, T0.AddSeconds(10)).Answered(T0.AddSeconds(10), LimitEpochState.Failed, T0.AddSeconds(20))
            .Sent(6, T0.AddSeconds(21));
        Assert.True(history.DecreaseUnconfirmedSince(T0.AddSeconds(16)));

        // A raise refused and sent again is no decrease (the refused limit was never in force), nor is a resend after a charger
        // that never confirmed one of ours refused it, nor a refused pause sent again (a charger that refuses 0 A: its site's
        // raises waited on it for good).
        var raise = LimitHistory.Start(32).Sent(16, T0).Answered(T0, LimitEpochState.Accepted, T0.AddSeconds(1))
            .Sent(20, T0.AddSeconds(10)).Answered(T0.AddSeconds(10), LimitEpochState.Rejected, T0.AddSeconds(11))
            .Sent(20, T0.AddSeconds(21));
        Assert.False(raise.DecreaseUnconfirmedSince(T0.AddSeconds(16)));
        var neverConfirmed = LimitHistory.Start(32).Sent(16, T0).Answered(T0, LimitEpochState.Rejected, T0.AddSeconds(1)).Sent(16, T0.AddSeconds(21));
        Assert.False(neverConfirmed.DecreaseUnconfirmedSince(T0.AddSeconds(16)));
        var pauseRefused = LimitHistory.Start(32).Sent(6, T0).Answered(T0, LimitEpochState.Accepted, T0.AddSeconds(1))
            .Sent(0, T0.AddSeconds(10)).Answered(T0.AddSeconds(10), LimitEpochState.Rejected, T0.AddSeconds(11))
            .Sent(0, T0.AddSeconds(21));
        Assert.False(pauseRefused.DecreaseUnconfirmedSince(T0.AddSeconds(16)));
    }
}
