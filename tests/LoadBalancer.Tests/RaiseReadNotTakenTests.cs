using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A raise on its way whose car's own reading shows it not taken, where the grid reads under its limit (docs/control-loop-sessions.md,
/// Session 23, "A step under the limit until the raises land"): the reading, taken after the raise was sent and within
/// <see cref="BalancerSettings.OwnReadingWindow"/> before the grid's, shows the car still at its old draw, so the raise is
/// counted there in the judgement of whether the limits in force must come down, and taken back first where it does not fit.
/// </summary>
public sealed class RaiseReadNotTakenTests
{
    private static readonly BalancerSettings Live = Sites.Settings() with
    {
        ChangeBandA = 1, ChangeSettleTime = TimeSpan.FromSeconds(5), OwnReadingWindow = TimeSpan.FromSeconds(0.5),
    };

    // A 40 A grid, read now. R was raised from 6 to 20 A a second ago: its draw lies between 6 and 20 A, and its charger read
    // it readAgoS before the grid. B runs settled at 16 A.
    private static AllocationResult Run(double gridReadsA, double readAgoS, BalancerSettings? settings = null, double readA = 6, DateTimeOffset? gridReadAt = null)
    {
        var r = Sites.Car("R", drawA: 6) with
        {
            LastLimitA = 20, CommittedA = 20, LastLimitAt = Sites.Now.AddSeconds(-1), MeasuredCurrentHighA = PhaseCurrents.All(20),
            CurrentsReadAt = Sites.Now.AddSeconds(-readAgoS), CurrentsReadA = PhaseCurrents.All(readA),
        };
        var b = Sites.Car("B", drawA: 16) with { LastLimitA = 16, CommittedA = 16 };
        var grid = Sites.Grid(40, PhaseCurrents.All(gridReadsA));
        grid = gridReadAt is { } at ? grid with { Meter = grid.Meter! with { Timestamp = at } } : grid;
        return Sites.Run(new FairShareStrategy(), Sites.Snapshot(settings ?? Live, [grid], r, b));
    }

    [Fact]
    public void A_raise_its_own_reading_shows_not_taken_is_cut_where_the_step_alone_reads_under()
    {
        // The grid reads 36 A, under its 40: with R at the 6 A its reading (0.2 s before the grid's) shows, 14 A is load nobody
        // controls, and R's raise lands at 14 + 20 + 16 = 50 A. Counted at its new 20 A, the load nobody controls read 0 A, the
        // limits in force fitted and R kept its raise until it landed — a dead time later, past the grace.
        var result = Run(gridReadsA: 36, readAgoS: 0.2);

        Assert.True(result.Connectors[0].LimitA < 20, $"R kept {result.Connectors[0].LimitA} A");
        Assert.True(result.Connectors[0].LimitA + result.Connectors[1].LimitA <= 40 - 14, $"{result.Connectors[0].LimitA} + {result.Connectors[1].LimitA} A");
    }

    [Theory]
    [InlineData(36, 1.5)] // read before the raise was sent: it shows nothing of the raise
    [InlineData(36, 0.8)] // read after it, but more than the window before the grid: the car may have taken it since
    [InlineData(25, 0.2)] // read in the window, and the raise fits: 3 + 20 + 16 A
    [InlineData(38, 0.2, 19.5)] // read in the window, the car near its new limit (the estimate's low end still at 6 A until
                                // the charger confirms): 2.5 + 19.5 + 16 A, the raise landed and fits
    [InlineData(30, 0.2, 12)] // read in the window part-way up: 2 + 20 + 16 A fits; counted from the low end (6 A) the
                              // load nobody controls read 8 A and the raise was taken back (Session 24)
    public void A_raise_its_own_reading_does_not_show_not_taken_in_time_or_that_fits_is_kept(double gridReadsA, double readAgoS, double readA = 6)
    {
        var result = Run(gridReadsA, readAgoS, readA: readA);

        Assert.Equal(20, result.Connectors[0].LimitA);
    }

    [Fact]
    public void Without_the_window_a_raise_read_not_taken_is_kept_as_before()
    {
        var result = Run(gridReadsA: 36, readAgoS: 0.2, Live with { OwnReadingWindow = null });

        Assert.Equal(20, result.Connectors[0].LimitA);
    }

    [Fact]
    public void A_grid_meter_never_read_leaves_the_raise_counted_at_its_new_limit()
    {
        // A grid meter never read stands at DateTimeOffset.MinValue: the window's comparison must not fail the cycle (it did,
        // StartupHoldTests, Session 23), and with no reading to compare the charger's with the rule does not apply: the
        // limits are those given without the window.
        var result = Run(gridReadsA: 36, readAgoS: 0.2, gridReadAt: DateTimeOffset.MinValue);
        var without = Run(gridReadsA: 36, readAgoS: 0.2, Live with { OwnReadingWindow = null }, gridReadAt: DateTimeOffset.MinValue);

        Assert.Equal(without.Connectors[0].LimitA, result.Connectors[0].LimitA);
        Assert.Equal(without.Connectors[1].LimitA, result.Connectors[1].LimitA);
    }

    [Fact]
    public void A_raise_read_part_way_up_is_taken_back_no_lower_than_its_car_was_read()
    {
        // The grid reads 36 A with R read at 12 A: 8 A is load nobody controls and R's raise lands at 8 + 20 + 16 = 44 A, 4 A
        // over. Counted from the low end (6 A) it was 10 A over and R was taken back to 10 A, under what its car drew.
        var result = Run(gridReadsA: 36, readAgoS: 0.2, readA: 12);

        Assert.InRange(result.Connectors[0].LimitA, 12, 19.9);
        Assert.True(result.Connectors[0].LimitA + result.Connectors[1].LimitA <= 40 - 8 + 1e-9, $"{result.Connectors[0].LimitA} + {result.Connectors[1].LimitA} A");
    }
}
