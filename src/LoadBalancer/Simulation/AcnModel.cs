namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// The single-aggregate-limit model of ../shared/data/README.md (ACN-Sim's "single-phase" model,
/// acnportal 0.3 semantics): 5-minute periods, 208 V, pilots continuous in [0, 32] A, the car draws
/// min(pilot × 208 V, its maximum power, what is left of its request), and the sum of the pilots may
/// not exceed capacity × 1000 / 208 A.
/// </summary>
public sealed record AcnModel(double CapacityKw, bool DeparturesKnown)
{
    /// <summary>Without departures: the stay the deadline-aware mode assumes (null: plain fair share).</summary>
    public TimeSpan? AssumedStay { get; init; }

    /// <summary>
    /// With a tariff: peak-aware mode (docs/load-balancing.md, "Peak target"): every period the site
    /// power target is planned from the month's power so far and the cars' needs, under the capacity.
    /// </summary>
    public Peak.PowerTariff? PowerTariff { get; init; }

    /// <summary>With energy prices, cars with a departure charge in the cheapest quarter-hours before it (<see cref="Peak.CheapHours"/>); null: prices are not looked at.</summary>
    public Func<DateTimeOffset, double?>? EnergyPriceAt { get; init; }

    /// <summary>The voltage of the model.</summary>
    public double VoltageV { get; init; } = 208;

    /// <summary>The period length.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest pilot.</summary>
    public double MaxPilotA { get; init; } = 32;

    /// <summary>Below this remaining demand a session is done.</summary>
    public double DoneBelowKwh { get; init; } = 0.001;

    /// <summary>The limit on the sum of the pilots.</summary>
    public double LimitA => CapacityKw * 1000 / VoltageV;

    /// <summary>The 27 capacities of the README: 10 to 125 kW in steps of 5, then 130, 140, 150.</summary>
    public static IReadOnlyList<double> StandardCapacitiesKw { get; } =
        [.. Enumerable.Range(0, 24).Select(k => 10.0 + (5 * k)), 130, 140, 150];
}
