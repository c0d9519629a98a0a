using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>The per-unit accounting of a shared link: silence is one unit's, the back-off grows and is capped.</summary>
public sealed class UnitSilenceTest
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Fact]
    public void One_miss_is_retried_two_in_a_row_make_a_unit_silent_and_its_back_off_doubles_up_to_the_cap()
    {
        var silence = new UnitSilence(First, Max);
        var now = T0;
        silence.Asked(3, now);

        Assert.False(silence.Unanswered(3, now));
        Assert.Null(silence.Refusal(3, now));

        Assert.True(silence.Unanswered(3, now));
        var backoffs = new List<TimeSpan>();
        for (var probe = 0; probe < 6; probe++)
        {
            backoffs.Add(BackoffFrom(silence, 3, now));
            now += backoffs[^1];
            Assert.Null(silence.Refusal(3, now));
            silence.Asked(3, now);
            Assert.True(silence.Unanswered(3, now));
        }

        Assert.Equal([0.5, 1, 2, 4, 5, 5], backoffs.Select(b => b.TotalSeconds));
        Assert.Equal(8, silence.UnansweredOf(3));
    }

    [Fact]
    public void An_answer_any_answer_makes_the_unit_healthy_again()
    {
        var silence = new UnitSilence(First, Max);
        silence.Unanswered(3, T0);
        silence.Unanswered(3, T0);
        Assert.NotNull(silence.Refusal(3, T0));

        Assert.True(silence.Answered(3, T0 + Max), "it was silent until this answer");

        Assert.Equal(0, silence.UnansweredOf(3));
        Assert.False(silence.Answered(3, T0 + Max));
        Assert.Null(silence.Refusal(3, T0 + Max));
        Assert.False(silence.Unanswered(3, T0 + Max), "one miss after an answer is retried again");
    }

    [Fact]
    public void A_silent_unit_does_not_make_the_link_silent_while_another_unit_on_it_answers()
    {
        var silence = new UnitSilence(First, Max);
        silence.Asked(1, T0);
        silence.Answered(1, T0);
        silence.Asked(3, T0);
        silence.Unanswered(3, T0);
        silence.Unanswered(3, T0);

        Assert.NotNull(silence.Refusal(3, T0));
        Assert.Null(silence.Refusal(1, T0));
        Assert.False(silence.AllSilent(T0), "unit 1 answers: the link is alive");

        // Unit 1 falls silent too: now the link itself may be dead.
        silence.Asked(1, T0);
        silence.Unanswered(1, T0);
        Assert.False(silence.AllSilent(T0));
        silence.Unanswered(1, T0);
        Assert.True(silence.AllSilent(T0));
    }

    [Fact]
    public void A_unit_not_asked_for_a_minute_no_longer_vouches_for_the_link()
    {
        var silence = new UnitSilence(First, Max);
        silence.Asked(1, T0);
        silence.Answered(1, T0);
        var later = T0 + UnitSilence.RecentlyAsked + TimeSpan.FromSeconds(1);
        silence.Asked(3, later);
        silence.Unanswered(3, later);
        silence.Unanswered(3, later);

        Assert.True(silence.AllSilent(later));
    }

    [Fact]
    public void The_back_off_is_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnitSilence(TimeSpan.FromSeconds(-1), Max));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnitSilence(Max, First));
    }

    // How long the unit is refused from now: the first instant it is not, to the millisecond.
    private static TimeSpan BackoffFrom(UnitSilence silence, byte unit, DateTimeOffset now)
    {
        var wait = TimeSpan.Zero;
        while (silence.Refusal(unit, now + wait) is not null)
        {
            wait += TimeSpan.FromMilliseconds(1);
        }

        return wait;
    }
}
