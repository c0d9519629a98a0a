using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Demo;

public sealed class RoomUseTests
{
    [Fact]
    public void The_cars_draw_is_the_reading_less_the_load_nobody_controls_against_the_target_less_that_load()
    {
        // 100 A fuse, 4 A margin: the loop aims at 96 A. 30/40/50 A of other load leaves 66 + 56 + 46 = 168 A
        // (against the fuse it would be 180 A); the cars draw 60 + 45 + 45 = 150 A.
        var grid = new GridView([90, 85, 95], 100, Fallback: false, DateTimeOffset.UnixEpoch) { UncontrolledA = [30, 40, 50], TargetA = 96 };

        var use = RoomUse.Of(grid);

        Assert.Equal((150, 168), use);
    }

    [Fact]
    public void A_site_filled_to_the_target_uses_all_its_room()
    {
        // The cars take all the loop aims at on every phase: 100 %, not the 96 % the fuse would make of it.
        var grid = new GridView([96, 96, 96], 100, Fallback: false, DateTimeOffset.UnixEpoch) { UncontrolledA = [30, 40, 50], TargetA = 96 };

        var use = RoomUse.Of(grid)!.Value;

        Assert.Equal(1.0, use.CarsA / use.RoomA, 9);
    }

    [Fact]
    public void A_phase_whose_other_load_passes_the_target_leaves_no_room_rather_than_negative_room()
    {
        var grid = new GridView([105, 10, 10], 100, Fallback: false, DateTimeOffset.UnixEpoch) { UncontrolledA = [105, 4, 4], TargetA = 96 };

        Assert.Equal((12, 184), RoomUse.Of(grid));
    }

    [Fact]
    public void Where_the_circuits_below_leave_less_than_the_grid_their_room_counts()
    {
        // The grid leaves 66 A on L1, the circuits below only 50 A: the cars can use no more than that there.
        var grid = new GridView([80, 85, 95], 100, Fallback: false, DateTimeOffset.UnixEpoch) { UncontrolledA = [30, 40, 50], TargetA = 96, CircuitRoomA = [50, 80, 80] };

        Assert.Equal((140, 50 + 56 + 46), RoomUse.Of(grid));
    }

    [Fact]
    public void On_the_demo_site_each_circuit_leaves_its_limit_less_the_margin_and_its_load_the_least_along_each_path()
    {
        // grid 80 A → main 80 A → deck-1 50 A and deck-2 40 A, margin 4 A (DemoSiteConfiguration); 20 A nobody controls on
        // deck-1's L1 and 50 A on main's L2. L1: deck-1 26 + deck-2 36 = 62, under main's 76. L2: main leaves 26 of the decks' 82.
        // L3: the decks leave 46 + 36 = 82, main only 76.
        var model = SiteModel.Build(new AppliedConfiguration(1, DemoSiteConfiguration.Create(), DateTimeOffset.UnixEpoch, "test"), null);
        PhaseCurrents[] uncontrolled = [new(60, 70, 10), new(0, 50, 0), new(20, 0, 0), new(0, 0, 0)];

        Assert.Equal([62, 26, 76], model.CircuitRoomA(uncontrolled, marginA: 4)!);
    }

    [Fact]
    public void With_a_charger_on_the_grid_itself_only_the_grid_binds()
    {
        var site = DemoSiteConfiguration.Create();
        site = site with { Chargers = [.. site.Chargers.Select((c, i) => i == 0 ? c with { Circuit = "" } : c)] };
        var model = SiteModel.Build(new AppliedConfiguration(1, site, DateTimeOffset.UnixEpoch, "test"), null);

        Assert.Null(model.CircuitRoomA([new(0, 0, 0), new(0, 0, 0), new(0, 0, 0), new(0, 0, 0)], marginA: 4));
    }

    [Fact]
    public void In_fallback_or_before_the_first_cycle_the_room_is_unknown()
    {
        Assert.Null(RoomUse.Of(new GridView(null, 30, Fallback: true, null)));
        Assert.Null(RoomUse.Of(new GridView([10, 10, 10], 100, Fallback: false, DateTimeOffset.UnixEpoch)));
    }
}
