using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.EdgeAgent.Web.Api;

namespace ChargeNet.EdgeAgent.Tests.Web;

/// <summary>"Why is it limited?" (docs/web.md): the lowest limit in force names who holds the connector, in one sentence.</summary>
public sealed class LimitExplanationTests
{
    [Fact]
    public void The_sites_fuse_share_holds_a_car_that_draws_what_it_may()
    {
        var why = LimitExplanation.Of(new LimitFacts("charging", 9.9, 10, "shareOfCapacity", StationA: 10));
        Assert.Equal(("site", (double?)10), (why.By, why.LimitA));
        Assert.StartsWith("Limited to 10 A by the site's fuse share", why.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operators_profile_or_an_outside_limit_below_the_edges_holds_it_and_wins_a_tie_with_the_loops_maximum()
    {
        Assert.Equal(("operator", (double?)8), Of(new LimitFacts("charging", 7.9, 16, "atMaximum", OperatorA: 8)));
        var grid = LimitExplanation.Of(new LimitFacts("charging", 9.8, 10, "atMaximum", ExternalA: 10, ExternalSource: "SO"));
        Assert.Equal(("external", (double?)10), (grid.By, grid.LimitA));
        Assert.Equal("Limited to 10 A by the grid operator's limit set on the charger.", grid.Sentence);
    }

    [Fact]
    public void A_station_schedule_below_the_edges_limit_names_whose_profile_it_is()
    {
        Assert.Equal(("operator", (double?)6), Of(new LimitFacts("charging", 6, 16, "atMaximum", StationA: 6, StationHolder: "CSO")));
        Assert.Equal(("station", (double?)6), Of(new LimitFacts("charging", 6, 16, "atMaximum", StationA: 6)));
        Assert.Equal(("charger", (double?)16), Of(new LimitFacts("charging", 16, 16, "atMaximum", StationA: 16.05))); // the edge's own profile
    }

    [Fact]
    public void The_car_holds_it_when_it_draws_well_below_its_limit_or_paused_or_said_it_takes_no_more()
    {
        var drawing = LimitExplanation.Of(new LimitFacts("charging", 6, 16, "shareOfCapacity"));
        Assert.Equal(("car", (double?)6), (drawing.By, drawing.LimitA));
        Assert.Equal("Limited to 6 A by the car: it draws 6 A of the 16 A it may (by the site's fuse share: the grid connection and circuits are shared with the other chargers).", drawing.Sentence);
        Assert.Equal(("car", (double?)0), Of(new LimitFacts("suspendedByCar", 0, 16, "shareOfCapacity")));
        Assert.Equal(("car", (double?)13), Of(new LimitFacts("charging", 12.8, 16, "atMaximum", CarMaxA: 13)));
        Assert.Equal(("site", (double?)14.5), Of(new LimitFacts("charging", 13, 14.5, "shareOfCapacity"))); // within 2 A: the car takes what it may
    }

    [Fact]
    public void A_pause_a_manual_limit_and_a_connector_without_a_car_are_said_as_such()
    {
        Assert.StartsWith("Paused (0 A) by the site's fuse share", LimitExplanation.Of(new LimitFacts("suspendedByController", 0, 0, "pausedForCapacity")).Sentence, StringComparison.Ordinal);
        Assert.Equal(("manual", (double?)6), Of(new LimitFacts("charging", 5.9, 6, "manualLimit")));
        Assert.Equal(("none", (double?)null), Of(new LimitFacts("available", 0, 16, "noVehicle")));
        Assert.Equal(("charger", (double?)null), Of(new LimitFacts("faulted", 0, 0, "unavailable")));
    }

    [Fact]
    public void The_schedule_period_in_force_now_is_read_in_amperes()
    {
        var start = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
        var schedule = new ChargerSchedule(1, start, 600, "A", [new(0, 13.5), new(300, 16)]);
        Assert.Equal(13.5, LimitFactsReader.InForce(schedule, start.AddSeconds(-10)));
        Assert.Equal(16, LimitFactsReader.InForce(schedule, start.AddSeconds(400)));
        Assert.Equal(10, LimitFactsReader.InForce(schedule with { Unit = "W", Periods = [new(0, 6900)] }, start)!.Value, 3);
    }

    private static (string, double?) Of(LimitFacts facts)
    {
        var why = LimitExplanation.Of(facts);
        return (why.By, why.LimitA);
    }
}
