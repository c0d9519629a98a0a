using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;

namespace ChargeNet.Drivers.Tests.Simulation;

public sealed class SimulatedCarTests
{
    private static readonly CarProfile OnePhase16A = new("1-phase 16 A", 1, 16, 40_000);
    private static readonly CarProfile ThreePhase32A = new("3-phase 32 A", 3, 32, 80_000);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void A_car_draws_nothing_new_before_its_dead_time_and_the_whole_step_after_it(double deadTimeS)
    {
        var quiet = new QuietSite();
        var outlet = quiet.Plug(ThreePhase32A, 0.3, deadTime: TimeSpan.FromSeconds(deadTimeS));
        outlet.OfferedA = 16;
        var highestBefore = 0.0;

        // A tick short of the dead time the car still answers the offer before (none): a lag would have moved already.
        quiet.Run(TimeSpan.FromSeconds(deadTimeS) - QuietSite.Tick, () => highestBefore = Math.Max(highestBefore, outlet.Car!.DrawnA));
        Assert.Equal(0, highestBefore);
        quiet.Run(QuietSite.Tick);

        // At the dead time, the whole step at once: a pure delay, not a lag.
        Assert.Equal(16, outlet.Car!.DrawnA);
        Assert.Equal(ConnectorState.Charging, outlet.State);
        Assert.Equal(new PhaseValues(16, 16, 16), outlet.CurrentA);

        outlet.OfferedA = 10;
        quiet.Run(TimeSpan.FromSeconds(deadTimeS) - QuietSite.Tick);
        Assert.Equal(16, outlet.Car.DrawnA);
        quiet.Run(QuietSite.Tick);
        Assert.Equal(10, outlet.Car.DrawnA);
    }

    [Fact]
    public void A_car_answers_each_offer_in_turn_a_dead_time_after_it_was_made()
    {
        var quiet = new QuietSite();
        var outlet = quiet.Plug(ThreePhase32A, 0.3, deadTime: TimeSpan.FromSeconds(3));
        outlet.OfferedA = 16;
        quiet.Run(TimeSpan.FromSeconds(1));
        outlet.OfferedA = 8; // within the first offer's dead time: both are kept, in order

        quiet.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(16, outlet.Car!.DrawnA);
        quiet.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(8, outlet.Car.DrawnA);
    }

    [Fact]
    public void Each_car_of_a_site_gets_a_dead_time_of_1_to_5_s_the_same_for_the_same_seed()
    {
        static List<TimeSpan> DeadTimes(int seed)
        {
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
            var site = new SimulatedSite(new SimulatedSiteOptions { Seed = seed, InitialOccupancy = 1.0 }, time);
            for (var i = 0; i < 20; i++)
            {
                site.AddCharger("CP" + i, [0, 1, 2]);
            }

            site.Step();
            return [.. site.Chargers.Select(c => c.Outlets[0].Car!.DeadTime)];
        }

        var first = DeadTimes(7);

        Assert.All(first, d => Assert.InRange(d, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        Assert.True(first.Max() - first.Min() > TimeSpan.FromSeconds(2), "the cars differ");
        Assert.Equal(first, DeadTimes(7));
        Assert.NotEqual(first, DeadTimes(8));
    }

    [Theory]
    [InlineData(16, 32, 16)] // a 16 A car offered 32 A takes its own maximum
    [InlineData(32, 20, 20)] // a 32 A car offered 20 A takes the offer
    public void A_car_never_draws_above_its_own_maximum_or_the_offer(double carMaxA, double offeredA, double settlesAtA)
    {
        var quiet = new QuietSite();
        var outlet = quiet.Plug(new CarProfile("car", 3, carMaxA, 80_000), 0.2);
        outlet.OfferedA = offeredA;
        var highest = 0.0;

        quiet.Run(TimeSpan.FromSeconds(20), () => highest = Math.Max(highest, outlet.Car!.DrawnA));

        Assert.True(highest <= settlesAtA, $"drew {highest} A with a limit of {settlesAtA} A");
        Assert.Equal(settlesAtA, outlet.Car!.DrawnA);
    }

    [Fact]
    public void Below_6_A_on_offer_a_car_does_not_charge()
    {
        var quiet = new QuietSite();
        var idle = quiet.Plug(OnePhase16A, 0.3, chargerId: "CP1");
        var stopping = quiet.Plug(OnePhase16A, 0.3, chargerId: "CP2");
        idle.OfferedA = 5.9;
        stopping.OfferedA = 16;
        quiet.Run(TimeSpan.FromSeconds(10));
        Assert.True(stopping.Car!.DrawnA > 15);

        stopping.OfferedA = 5;
        quiet.Run(QuietSite.DeadTime - QuietSite.Tick);
        Assert.Equal(16, stopping.Car.DrawnA); // the stop too comes after the dead time
        quiet.Run(QuietSite.Tick);

        Assert.Equal(0, idle.Car!.DrawnA);
        Assert.Equal(0, stopping.Car.DrawnA);
        Assert.Equal(PhaseValues.Zero, stopping.CurrentA);
        Assert.Equal(ConnectorState.SuspendedByController, idle.State);
    }

    [Fact]
    public void A_car_tapers_above_80_percent_charge()
    {
        var quiet = new QuietSite();
        var half = quiet.Plug(ThreePhase32A, 0.5, chargerId: "CP1");
        var ninety = quiet.Plug(ThreePhase32A, 0.9, chargerId: "CP2");
        half.OfferedA = 32;
        ninety.OfferedA = 32;

        quiet.Run(TimeSpan.FromSeconds(15));

        // Full current up to 80 %, then down in a straight line to nothing at 100 %: half of it at 90 %.
        Assert.InRange(half.Car!.DrawnA, 31.5, 32);
        Assert.InRange(ninety.Car!.DrawnA, 15.5, 16.0);
        Assert.True(ninety.Car.StateOfCharge > 0.9, "the car charged");
    }

    [Fact]
    public void A_full_car_stops_and_says_so()
    {
        var quiet = new QuietSite();
        var outlet = quiet.Plug(OnePhase16A, 1.0);
        outlet.OfferedA = 16;

        quiet.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(0, outlet.Car!.DrawnA);
        Assert.Equal(ConnectorState.SuspendedByCar, outlet.State);
    }
}
