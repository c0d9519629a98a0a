namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// Our own per-phase model of a site, to replay a trace with physics the README's model leaves out:
/// a 3-phase grid connection (capacity spread over three phases at 230 V) with a building base load
/// that follows the day, two feeders of 60 % of it each, chargers on rotated phases, 1-phase cars
/// (their trace power on one phase) and 3-phase cars (16 A), cars that follow a new limit only after
/// a lag, and that taper near full (below 20 % of their request left, down to 20 % of their maximum).
/// </summary>
public sealed record PhaseModel(double CapacityKw, bool DeparturesKnown)
{
    /// <summary>Without departures: the stay the deadline-aware mode assumes (null: plain fair share).</summary>
    public TimeSpan? AssumedStay { get; init; }

    /// <summary>Phase-to-neutral voltage.</summary>
    public double VoltageV { get; init; } = 230;

    /// <summary>The control and physics step.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The length of one trace period.</summary>
    public TimeSpan TracePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a car takes to follow a new limit (0 = ideal cars).</summary>
    public TimeSpan Lag { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Below this share of its request left, a car tapers.</summary>
    public double TaperBelowShare { get; init; } = 0.2;

    /// <summary>The building's peak load as a share of the grid limit.</summary>
    public double BaseLoadPeakShare { get; init; } = 0.3;

    /// <summary>The per-phase current limit of the grid connection.</summary>
    public double GridLimitA => CapacityKw * 1000 / (3 * VoltageV);

    /// <summary>The capacities the comparison runs at.</summary>
    public static IReadOnlyList<double> StandardCapacitiesKw { get; } = [20, 40, 80];
}
