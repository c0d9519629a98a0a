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
}
