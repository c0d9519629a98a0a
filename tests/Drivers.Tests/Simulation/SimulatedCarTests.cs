using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;

namespace ChargeNet.Drivers.Tests.Simulation;

public sealed class SimulatedCarTests
{
    private static readonly CarProfile OnePhase16A = new("1-phase 16 A", 1, 16, 40_000);
    private static readonly CarProfile ThreePhase32A = new("3-phase 32 A", 3, 32, 80_000);

    [Fact]
    public void A_car_follows_a_new_offer_with_a_time_constant_of_about_2_s()
    {
        var quiet = new QuietSite();
        var outlet = quiet.Plug(ThreePhase32A, 0.3);
        outlet.OfferedA = 16;

        quiet.Run(TimeSpan.FromSeconds(2));
        var afterOneTimeConstant = outlet.Car!.DrawnA;
        quiet.Run(TimeSpan.FromSeconds(4));
        var afterSixSeconds = outlet.Car.DrawnA;

        // A first-order lag reaches 1 - 1/e = 63 % of a step after one time constant.
        Assert.InRange(afterOneTimeConstant / 16, 0.60, 0.66);
        Assert.InRange(afterSixSeconds / 16, 0.95, 1.0);
        Assert.Equal(ConnectorState.Charging, outlet.State);
        Assert.Equal(new PhaseValues(afterSixSeconds, afterSixSeconds, afterSixSeconds), outlet.CurrentA);
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
        Assert.InRange(outlet.Car!.DrawnA, settlesAtA - 0.1, settlesAtA);
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
        quiet.Run(TimeSpan.FromSeconds(20));

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
