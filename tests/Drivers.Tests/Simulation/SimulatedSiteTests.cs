using ChargeNet.Drivers.Simulation;

namespace ChargeNet.Drivers.Tests.Simulation;

public sealed class SimulatedSiteTests
{
    private static readonly CarProfile OnePhase16A = new("1-phase 16 A", 1, 16, 40_000);

    [Theory]
    [InlineData(new[] { 0, 1, 2 }, 0)] // L1L2L3: the charger's L1 is grid L1
    [InlineData(new[] { 1, 2, 0 }, 1)] // L2L3L1: the charger's L1 is grid L2 (docs/configuration.md)
    [InlineData(new[] { 2, 0, 1 }, 2)] // L3L1L2: the charger's L1 is grid L3
    public void A_one_phase_car_loads_only_the_grid_phase_its_chargers_L1_is_wired_to(int[] rotation, int loadedGridPhase)
    {
        var quiet = new QuietSite();
        var outlet = quiet.Plug(OnePhase16A, 0.3, rotation);
        outlet.OfferedA = 16;

        quiet.Run(TimeSpan.FromSeconds(10));

        var chargers = quiet.Site.GridCurrentA - quiet.Site.BaseLoadA;
        var drawn = outlet.Car!.DrawnA;
        Assert.True(drawn > 15, $"the car draws {drawn} A");
        for (var phase = 0; phase < 3; phase++)
        {
            Assert.Equal(phase == loadedGridPhase ? drawn : 0, chargers[phase], 9);
        }
    }

    [Fact]
    public void The_grid_carries_the_base_load_plus_every_car_on_its_phases()
    {
        var quiet = new QuietSite();
        var straight = quiet.Plug(new CarProfile("3-phase 16 A", 3, 16, 60_000), 0.3, [0, 1, 2], "CP1");
        var rotated = quiet.Plug(OnePhase16A, 0.3, [2, 0, 1], "CP2"); // L3L1L2
        straight.OfferedA = 10;
        rotated.OfferedA = 16;

        quiet.Run(TimeSpan.FromSeconds(15));

        var a = straight.Car!.DrawnA;
        var b = rotated.Car!.DrawnA;
        var expected = quiet.Site.BaseLoadA + new Devices.PhaseValues(a, a, a + b);
        Assert.Equal(expected.L1, quiet.Site.GridCurrentA.L1, 9);
        Assert.Equal(expected.L2, quiet.Site.GridCurrentA.L2, 9);
        Assert.Equal(expected.L3, quiet.Site.GridCurrentA.L3, 9);
        Assert.True(quiet.Site.BaseLoadA.L1 > 0, "a building always has some load");
    }
}
