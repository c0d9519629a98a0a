using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class AnswerTimesTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Nothing_is_overdue_before_enough_answers_are_known()
    {
        var times = new AnswerTimes();
        for (var k = 0; k < AnswerTimes.Needed - 1; k++)
        {
            times.Add(Ms(200));
            Assert.Null(times.OverdueAfter);
        }

        times.Add(Ms(200));
        Assert.Equal(Ms(450), times.OverdueAfter); // 200 ms and the least slack, 250 ms, more
    }

    [Fact]
    public void A_charger_is_overdue_after_twice_its_slowest_recent_answer_and_forgets_answers_older_than_its_window()
    {
        var times = new AnswerTimes();
        times.Add(Ms(3000));
        for (var k = 0; k < AnswerTimes.Window - 1; k++)
        {
            times.Add(Ms(400));
        }

        Assert.Equal(Ms(6000), times.OverdueAfter); // a charger that answered in 3 s is never judged before a 5 s write timeout

        times.Add(Ms(400)); // the 3 s answer leaves the window
        Assert.Equal(Ms(800), times.OverdueAfter);
    }

    [Fact]
    public void An_answer_timed_before_its_send_counts_as_at_once()
    {
        var times = new AnswerTimes();
        for (var k = 0; k < AnswerTimes.Needed; k++)
        {
            times.Add(Ms(-5));
        }

        Assert.Equal(AnswerTimes.LeastSlack, times.OverdueAfter);
    }
}
