using ChargeNet.Drivers.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.Simulation;

/// <summary>A simulated site where no car arrives on its own: the test plugs cars in and moves the clock.</summary>
internal sealed class QuietSite
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>The dead time of a car plugged in without one named: the bench's middle value.</summary>
    public static readonly TimeSpan DeadTime = TimeSpan.FromSeconds(2);

    public QuietSite()
    {
        Site = new SimulatedSite(
            new SimulatedSiteOptions { InitialOccupancy = 0, MeanTimeBetweenArrivals = TimeSpan.FromDays(100_000) },
            Time);
        Site.Step();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public SimulatedSite Site { get; }

    /// <summary>A one-connector charger wired per <paramref name="rotation"/> (grid phase of each charger phase), with a car plugged in.</summary>
    public SimulatedOutlet Plug(CarProfile car, double stateOfCharge, int[]? rotation = null, string chargerId = "CP1", TimeSpan? deadTime = null)
    {
        var outlet = Site.AddCharger(chargerId, rotation ?? [0, 1, 2]).Outlets[0];
        outlet.PlugIn(new SimulatedCar(car, stateOfCharge, "TAG-" + chargerId, deadTime ?? DeadTime));
        return outlet;
    }

    /// <summary>Moves the clock on by <paramref name="duration"/> in steps the size of the demo's, stepping the site each time.</summary>
    public void Run(TimeSpan duration, Action? afterEachStep = null)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Tick)
        {
            Time.Advance(Tick);
            Site.Step();
            afterEachStep?.Invoke();
        }
    }
}
