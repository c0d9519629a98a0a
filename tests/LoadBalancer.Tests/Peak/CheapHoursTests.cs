using ChargeNet.LoadBalancer.Peak;
using static ChargeNet.LoadBalancer.Tests.FairShareFairnessTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests.Peak;

/// <summary>
/// Cheap hours (docs/load-balancing.md, "Cheap hours"): a car with a departure charges in the cheapest
/// quarter-hours that still give it what it needs; it never waits when it has no time to spare, for a
/// slot no cheaper than now, or without a departure.
/// </summary>
public sealed class CheapHoursTests
{
    // 0.35 until 14:00 (Now is 12:00 UTC), 0.12 from then on.
    private static double? Evening(DateTimeOffset at) => at < Now.AddHours(2) ? 0.35 : 0.12;

    // A 3-phase 16 A car: 11.04 kW, counted at 80 %: 8.83 kW.
    private static EnergyNeed Need(double kwh, double hoursLeft) => new(kwh * 1000, 16 * 230 * 3, Now.AddHours(hoursLeft));

    [Fact]
    public void A_car_that_can_get_what_it_needs_in_cheaper_quarter_hours_before_it_leaves_waits_for_them()
    {
        // 10 kWh takes 1.13 h at 8.83 kW; from 14:00 to its 18:00 departure there are 4 cheap hours.
        Assert.True(CheapHours.Waits(Now, Need(10, 6), Evening, CheapHours.QuarterHour));
    }

    [Fact]
    public void A_car_charges_now_when_the_cheaper_slots_before_it_leaves_are_too_few()
    {
        // Leaving at 15:00: one cheap hour gives 8.83 kWh, less than the 10 kWh it needs.
        Assert.False(CheapHours.Waits(Now, Need(10, 3), Evening, CheapHours.QuarterHour));
        // The same need, leaving at 15:15: five cheap quarter-hours give 11.04 kWh.
        Assert.True(CheapHours.Waits(Now, Need(10, 3.25), Evening, CheapHours.QuarterHour));
    }

    [Fact]
    public void A_car_never_waits_for_a_slot_no_cheaper_than_now_nor_when_its_laxity_is_gone_nor_without_a_price()
    {
        Assert.False(CheapHours.Waits(Now, Need(10, 6), _ => 0.20, CheapHours.QuarterHour));
        // 45 kWh takes 5.1 h of its 5.25 h: no time to spare, even though later is cheaper.
        Assert.False(CheapHours.Waits(Now, Need(45, 5.25), at => at < Now.AddMinutes(15) ? 0.35 : 0.01, CheapHours.QuarterHour));
        Assert.False(CheapHours.Waits(Now, Need(10, 6), at => at < Now.AddHours(2) ? null : 0.12, CheapHours.QuarterHour));
    }

    [Fact]
    public void The_allocator_holds_a_waiting_car_at_0_and_gives_its_room_to_a_car_without_a_departure()
    {
        var waiting = Car("evening", maxA: 16) with { DepartureAt = Now.AddHours(6), EnergyWantedWh = 10_000 };
        var unknown = Car("no-departure", maxA: 16);
        var site = Snapshot(Settings(), [Grid(20)], waiting, unknown) with { Settings = Settings() with { DeadlineAware = true } };

        var shifted = CheapHours.Apply(site, Evening, CheapHours.QuarterHour);
        var result = Run(new FairShareStrategy(), shifted);

        Assert.Equal([0, 16], Limits(result));
        Assert.Equal(AllocationReason.CheapHours, result.Connectors[0].Reason);
        Assert.Same(unknown, shifted.Connectors[1]);
        // Without prices it charges now.
        Assert.True(Limits(Run(new FairShareStrategy(), site))[0] > 0);
    }

    [Fact]
    public void Cars_that_pick_the_same_cheap_slots_plan_on_their_share_of_the_room_then_not_on_their_own_maximum()
    {
        // Four 3-phase 16 A cars, each wanting 10 kWh by 15:15: alone, the five cheap quarter-hours
        // give each 11.04 kWh at 80 % of its 11.04 kW, so each would wait for them.
        var cars = Enumerable.Range(0, 4).Select(i => Leaving($"c{i}", 3.25)).ToArray();
        var site = Snapshot(Settings(), [Grid(100)], cars);
        Assert.All(CheapHours.Apply(site, Evening, CheapHours.QuarterHour).Connectors.ToArray(), c => Assert.True(c.WaitsForCheaperEnergy));

        // The site allows the cars 20 kW then: 5 kW each, 6.25 kWh in the cheap slots, short of 10: they charge now.
        Assert.All(CheapHours.Apply(site, Evening, CheapHours.QuarterHour, roomW: 20_000).Connectors.ToArray(), c => Assert.False(c.WaitsForCheaperEnergy));

        // With 40 kW (all four at their 8.83 kW), the cheap slots are theirs alone again.
        Assert.All(CheapHours.Apply(site, Evening, CheapHours.QuarterHour, roomW: 40_000).Connectors.ToArray(), c => Assert.True(c.WaitsForCheaperEnergy));
    }

    [Fact]
    public void Cars_without_a_departure_take_their_share_of_the_cheap_slots_and_a_car_gone_by_then_takes_none()
    {
        // 20 kW for one car leaving at 15:15 and three that said nothing (counted as staying): 5 kW each, too little to wait.
        var site = Snapshot(Settings(), [Grid(100)], Leaving("planned", 3.25), Car("a", maxA: 16), Car("b", maxA: 16), Car("c", maxA: 16));
        Assert.False(CheapHours.Apply(site, Evening, CheapHours.QuarterHour, roomW: 20_000).Connectors[0].WaitsForCheaperEnergy);

        // The three leave at 13:00, before the cheap hours: the 20 kW then are the planned car's (at its 8.83 kW).
        var gone = site with { Connectors = [site.Connectors[0], .. site.Connectors[1..].Select(c => c with { DepartureAt = Now.AddHours(1), EnergyWantedWh = 1_000 })] };
        Assert.True(CheapHours.Apply(gone, Evening, CheapHours.QuarterHour, roomW: 20_000).Connectors[0].WaitsForCheaperEnergy);
    }

    [Fact]
    public void A_cars_wait_decision_does_not_flip_back_and_forth_as_the_room_moves_a_little()
    {
        // One car wanting 10 kWh by 15:15: the five cheap quarter-hours from 14:00 give it 1.25 h at
        // what the room allows it (at most its 8.83 kW). The room moves by 200 W cycle after cycle around
        // the edge (the load nobody controls measured anew, another car coming and going).
        var hold = new CheapHoursHold();
        var site = Snapshot(Settings(), [Grid(100)], Leaving("evening", 3.25));
        var decisions = new[] { 9_000.0, 8_100, 7_900, 8_100, 7_900, 8_100 }
            .Select((roomW, i) => hold.Apply(site with { Time = Now.AddSeconds(i) }, Evening, CheapHours.QuarterHour, roomW).Connectors[0].WaitsForCheaperEnergy)
            .ToList();

        // 11.04 kWh: it waits; 10.1 kWh still gives its 10: it goes on waiting; 9.9 kWh is short: it
        // charges, and goes on charging at 10.1 kWh — too little to spare to start waiting again.
        Assert.Equal([true, true, false, false, false, false], decisions);
        // A car that did not wait starts only with 10 % to spare (11 kWh for its 10).
        Assert.False(new CheapHoursHold().Apply(site, Evening, CheapHours.QuarterHour, roomW: 8_700).Connectors[0].WaitsForCheaperEnergy);
        Assert.True(new CheapHoursHold().Apply(site, Evening, CheapHours.QuarterHour, roomW: 8_832).Connectors[0].WaitsForCheaperEnergy);
    }

    private static ConnectorInput Leaving(string id, double hoursLeft) => Car(id, maxA: 16) with { DepartureAt = Now.AddHours(hoursLeft), EnergyWantedWh = 10_000 };
}
