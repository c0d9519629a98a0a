namespace ChargeNet.Drivers.Simulation;

/// <summary>What kind of car arrives: how many phases it charges on and how much current it takes.</summary>
/// <param name="Name">For logs, e.g. "3-phase 16 A".</param>
/// <param name="Phases">1 or 3.</param>
/// <param name="MaxCurrentA">The car's own limit per phase.</param>
/// <param name="BatteryWh">Usable battery capacity.</param>
public sealed record CarProfile(string Name, int Phases, double MaxCurrentA, double BatteryWh)
{
    /// <summary>The mix of the foundation issue: a small 1-phase car, a 3-phase 16 A car, a 3-phase 32 A car.</summary>
    public static IReadOnlyList<CarProfile> Common { get; } =
    [
        new("1-phase 16 A", 1, 16, 40_000),
        new("3-phase 16 A", 3, 16, 60_000),
        new("3-phase 32 A", 3, 32, 80_000),
    ];
}
