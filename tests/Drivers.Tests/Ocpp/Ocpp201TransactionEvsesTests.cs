using ChargeNet.Drivers.Ocpp.V201.Handlers;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>
/// The links of 2.0.1 transactions to their EVSE (a station names the EVSE only in the first event after it is known: E01,
/// E02) are bounded per station and never lose the EVSE of a transaction running there.
/// </summary>
public sealed class Ocpp201TransactionEvsesTests
{
    private const int Flood = 11 * Ocpp201TransactionEvses.PerStation;

    [Fact]
    public void A_station_ending_transactions_keeps_at_most_its_cap_of_links_the_newest_ended_ones_and_the_running_one()
    {
        var evses = new Ocpp201TransactionEvses();
        evses.Link("S1", "running", 1);
        for (var i = 0; i < Flood; i++)
        {
            evses.Link("S1", $"T{i}", 2);
            evses.Ended("S1", $"T{i}");
        }

        Assert.Equal(Ocpp201TransactionEvses.PerStation, evses.Kept("S1"));
        Assert.Equal(1, evses.Find("S1", "running")); // heard from least recently of all, and still kept
        Assert.Equal(2, evses.Find("S1", $"T{Flood - 1}"));
        Assert.Equal(2, evses.Find("S1", $"T{Flood - Ocpp201TransactionEvses.PerStation + 1}"));
        Assert.Null(evses.Find("S1", $"T{Flood - Ocpp201TransactionEvses.PerStation}"));
    }

    [Fact]
    public void A_station_that_loses_its_Endeds_and_replays_an_old_transaction_late_keeps_the_EVSE_of_the_one_running()
    {
        // A transaction started offline names its EVSE only in its first event (E01, E02): its later events, online, need the
        // link. Endeds the station lost leave links that look running; the newest not ended on each EVSE is the one that may be.
        var evses = new Ocpp201TransactionEvses();
        evses.Link("S1", "running", 1);
        evses.Link("S1", "old", 1); // replayed late, after the running one was linked ...
        evses.Ended("S1", "old"); // ... and ended: the running one is again the newest on EVSE 1
        for (var i = 0; i < Flood; i++)
        {
            evses.Link("S1", $"lost{i}", 2 + (i % 3));
        }

        Assert.Equal(Ocpp201TransactionEvses.PerStation, evses.Kept("S1"));
        Assert.Equal(1, evses.Find("S1", "running"));
        Assert.Null(evses.Find("S1", "old"));
        Assert.Equal(2 + ((Flood - 1) % 3), evses.Find("S1", $"lost{Flood - 1}"));
        Assert.Null(evses.Find("S1", "lost0"));
    }

    [Fact]
    public void One_station_s_flood_of_transactions_does_not_push_out_another_station_s_links()
    {
        // A late event of a transaction ended on S2 still finds its EVSE, however many transactions S1 ran since (a global
        // oldest-first cap dropped it).
        var evses = new Ocpp201TransactionEvses();
        evses.Link("S2", "done", 3);
        evses.Ended("S2", "done");
        Assert.True(evses.FirstMiss("S2", "nowhere"));
        for (var i = 0; i < Flood; i++)
        {
            evses.Link("S1", $"T{i}", 1 + (i % 4));
            evses.Ended("S1", $"T{i}");
        }

        Assert.Equal(3, evses.Find("S2", "done"));
        Assert.False(evses.FirstMiss("S2", "nowhere")); // its warning is not said again
        Assert.Equal(2, evses.Kept("S2"));
    }
}
