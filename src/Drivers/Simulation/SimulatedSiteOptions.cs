using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Simulation;

/// <summary>How busy a simulated site is.</summary>
public sealed record SimulatedSiteOptions
{
    /// <summary>Seeds every random choice, so a run can be repeated.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How often, on average, a car arrives at a free outlet.</summary>
    public TimeSpan MeanTimeBetweenArrivals { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The shortest and longest stay of a car.</summary>
    public TimeSpan MinStay { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan MaxStay { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>The share of outlets that have a car when the simulation starts.</summary>
    public double InitialOccupancy { get; init; } = 0.75;

    public PhaseValues BaseLoadNightA { get; init; } = new(12, 9, 10);

    public PhaseValues BaseLoadDayA { get; init; } = new(38, 30, 34);

    public double VoltageV { get; init; } = 230;

    /// <summary>
    /// The shortest and longest dead time of a car: how long after a new offer it draws it (a pure delay, drawn per car
    /// from the seed). 1–5 s as the bench's cars (docs/control-loop.md, "The car follows, after a dead time").
    /// </summary>
    public TimeSpan MinDeadTime { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDeadTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The cars that arrive, picked at random.</summary>
    public IReadOnlyList<CarProfile> Cars { get; init; } = CarProfile.Common;
}
