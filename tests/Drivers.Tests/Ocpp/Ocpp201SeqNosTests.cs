using ChargeNet.Drivers.Ocpp.V201.Handlers;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The seqNo memory of 2.0.1 transactions (E01.FR.07) is bounded per station and still knows a retried event for a repeat.</summary>
public sealed class Ocpp201SeqNosTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_station_ending_transactions_for_days_keeps_at_most_its_cap_and_only_the_last_day_s_numbers()
    {
        var seqNos = new Ocpp201SeqNos();
        var now = Start;
        var count = 2 * (Ocpp201SeqNos.PerStation + Ocpp201SeqNos.ForgottenPerStation);
        for (var i = 0; i < count; i++, now += TimeSpan.FromMinutes(1))
        {
            Transaction(seqNos, "S1", $"T{i}", now, events: 3, ended: true);
        }

        // A week of a transaction a minute: the numbers of the last day's (its cap's worth), the ids of the others up to theirs.
        var (kept, withNumbers) = seqNos.Kept("S1");
        Assert.Equal(Ocpp201SeqNos.PerStation + Ocpp201SeqNos.ForgottenPerStation, kept);
        Assert.Equal(Ocpp201SeqNos.PerStation, withNumbers);
        Assert.Equal(Ocpp201SeqNos.Order.Repeat, seqNos.Classify("S1", $"T{count - 1}", 1));
        Assert.Equal(Ocpp201SeqNos.Order.Late, seqNos.Classify("S1", $"T{count - Ocpp201SeqNos.PerStation - 1}", 1));
    }

    [Fact]
    public void A_retried_event_of_an_ended_transaction_is_a_repeat_while_its_station_floods_and_never_newest_after()
    {
        // A station resends what it did not see answered when it is back (E-block), an ended transaction's too: within the
        // retention a repeat, however many transactions of others (or of its own that never ended) came since; after it, late —
        // never the newest event of a transaction that would take its EVSE back.
        var seqNos = new Ocpp201SeqNos();
        for (var i = 0; i < Ocpp201SeqNos.PerStation; i++)
        {
            Transaction(seqNos, "S1", $"lost{i}", Start - TimeSpan.FromDays(3), events: 2, ended: false); // Endeds the station lost
        }

        Transaction(seqNos, "S1", "done", Start, events: 3, ended: true);
        for (var i = 0; i < 2 * Ocpp201SeqNos.PerStation; i++)
        {
            Transaction(seqNos, "S1", $"new{i}", Start + TimeSpan.FromMinutes(1), events: 2, ended: false); // a station gone wrong
            Transaction(seqNos, "S2", $"T{i}", Start + TimeSpan.FromMinutes(1), events: 2, ended: true);
        }

        Transaction(seqNos, "S1", "running", Start + TimeSpan.FromHours(1), events: 1, ended: false);
        Assert.Equal(Ocpp201SeqNos.PerStation, seqNos.Kept("S1").WithNumbers);
        Assert.Equal(Ocpp201SeqNos.Order.Newest, seqNos.Classify("S1", "lost0", 2)); // the longest silent, forgotten
        Assert.Equal(Ocpp201SeqNos.Order.Repeat, seqNos.Classify("S1", "done", 1));
        Assert.Equal(Ocpp201SeqNos.Order.Repeat, seqNos.Classify("S1", "done", 2));
        Assert.Equal(Ocpp201SeqNos.Order.Late, seqNos.Classify("S1", "done", 3));
        Assert.Equal(Ocpp201SeqNos.Order.Repeat, seqNos.Classify("S1", "running", 0));

        Transaction(seqNos, "S1", "next", Start + Ocpp201SeqNos.Retention, events: 1, ended: false);
        Assert.Equal(Ocpp201SeqNos.Order.Late, seqNos.Classify("S1", "done", 1));
        Assert.Equal(0, seqNos.Missing("S1", "done", 2));
    }

    [Fact]
    public void The_numbers_of_a_long_transaction_are_runs_and_a_gap_is_still_counted()
    {
        var seqNos = new Ocpp201SeqNos();
        for (var seqNo = 0; seqNo < 100_000; seqNo++)
        {
            if (seqNo is not (500 or 501 or 70_000))
            {
                seqNos.Seen("S1", "long", seqNo, ended: false, Start);
            }
        }

        Assert.Equal(3, seqNos.Seen("S1", "long", 100_000, ended: true, Start));
        Assert.Equal(Ocpp201SeqNos.Order.Late, seqNos.Classify("S1", "long", 501));
        seqNos.Seen("S1", "long", 501, ended: false, Start);
        Assert.Equal(Ocpp201SeqNos.Order.Repeat, seqNos.Classify("S1", "long", 501));
        Assert.Equal(2, seqNos.Missing("S1", "long", 100_000));

        var runs = new Ocpp201SeqNoRanges();
        for (var seqNo = 0; seqNo < 100_000; seqNo++)
        {
            runs.Add(seqNo == 500 ? 499 : seqNo);
        }

        Assert.Equal(2, runs.Count);
        for (var seqNo = 0; seqNo < 2 * Ocpp201SeqNoRanges.MaxRuns; seqNo += 2)
        {
            runs.Add(200_000 + seqNo); // every other number: one run each, the lowest going beyond the bound
        }

        Assert.Equal(Ocpp201SeqNoRanges.MaxRuns, runs.Count);
    }

    private static void Transaction(Ocpp201SeqNos seqNos, string station, string transactionId, DateTimeOffset at, int events, bool ended)
    {
        for (var seqNo = 0; seqNo < events; seqNo++)
        {
            seqNos.Seen(station, transactionId, seqNo, ended && seqNo == events - 1, at);
        }
    }
}
