using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;

namespace ChargeNet.EdgeAgent.Tests.Demo;

public sealed class RoomUseTests
{
    [Fact]
    public void The_cars_draw_is_the_reading_less_the_load_nobody_controls_against_the_limit_less_that_load()
    {
        // 100 A limit; 30/40/50 A of other load leaves 70 + 60 + 50 = 180 A; the cars draw 60 + 45 + 45 = 150 A.
        var grid = new GridView([90, 85, 95], 100, Fallback: false, DateTimeOffset.UnixEpoch) { UncontrolledA = [30, 40, 50] };

        var use = RoomUse.Of(grid);

        Assert.Equal((150, 180), use);
    }

    [Fact]
    public void A_phase_whose_other_load_passes_the_limit_leaves_no_room_rather_than_negative_room()
    {
        var grid = new GridView([105, 10, 10], 100, Fallback: false, DateTimeOffset.UnixEpoch) { UncontrolledA = [105, 4, 4] };

        Assert.Equal((12, 192), RoomUse.Of(grid));
    }

    [Fact]
    public void In_fallback_or_before_the_first_cycle_the_room_is_unknown()
    {
        Assert.Null(RoomUse.Of(new GridView(null, 30, Fallback: true, null)));
        Assert.Null(RoomUse.Of(new GridView([10, 10, 10], 100, Fallback: false, DateTimeOffset.UnixEpoch)));
    }
}
