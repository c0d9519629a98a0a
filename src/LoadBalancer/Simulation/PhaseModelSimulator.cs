namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// Replays a trace in the <see cref="PhaseModel"/>: every step the strategy gets a snapshot (grid meter
/// = base load plus what the cars draw now, each connector's measured per-phase current, last limit,
/// energy), its limits go to the cars, and the cars follow with their lag and taper. Seconds above a
/// limit are counted on every node and phase, also during the lag.
/// </summary>
public static class PhaseModelSimulator
{
    private static readonly PhaseRotation[] Rotations = [PhaseRotation.L1L2L3, PhaseRotation.L2L3L1, PhaseRotation.L3L1L2];

    public static SimulationMetrics Run(IReadOnlyList<ChargingSession> sessions, IAllocationStrategy strategy, PhaseModel model)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(model);
        var fleet = new SimulatedFleet(sessions, model);
        var limitA = model.GridLimitA;
        var nodes = new[]
        {
            new CircuitNode { Id = "grid", MaxCurrentA = PhaseCurrents.All(limitA) },
            new CircuitNode { Id = "feeder-a", ParentIndex = 0, MaxCurrentA = PhaseCurrents.All(0.6 * limitA) },
            new CircuitNode { Id = "feeder-b", ParentIndex = 0, MaxCurrentA = PhaseCurrents.All(0.6 * limitA) },
        };
        var settings = new BalancerSettings
        {
            FallbackCurrentA = 0.5 * limitA,
            NominalVoltageV = model.VoltageV,
            DeadlineAware = model.DeparturesKnown || model.AssumedStay is not null,
            AssumedStay = model.AssumedStay,
            EnergyCapPeriod = model.Step,
        };
        var state = new BalancerState();
        var result = new AllocationResult();
        var score = new ScoreKeeper(limitA);
        var stepsPerPeriod = (int)Math.Round(model.TracePeriod / model.Step);
        var end = sessions.Count == 0 ? 0 : sessions.Max(s => s.DeparturePeriod) * stepsPerPeriod;
        var start = sessions.Count == 0 ? 0 : sessions.Min(s => s.ArrivalPeriod) * stepsPerPeriod;
        for (var step = start; step < end; step++)
        {
            var now = TraceClock.At(step, model.Step);
            fleet.Advance(step / stepsPerPeriod, now);
            var baseA = BaseLoadA(model, now, limitA);
            nodes[0] = nodes[0] with { Meter = new NodeMeasurement(fleet.GridDraw(baseA), now) };
            strategy.Allocate(new SiteSnapshot { Time = now, Nodes = nodes, Connectors = fleet.Connectors, Settings = settings }, state, result);
            score.AboveLimit(fleet.Follow(result, baseA, nodes, now));
            score.Peak(fleet.GridPeakA(baseA));
            score.Short(fleet.DrawnTotalA, 3 * Math.Max(0, limitA - baseA), fleet.WantedTotalA);
        }

        var name = strategy.Name + (model.DeparturesKnown ? " (departures known)" : model.AssumedStay is { } stay ? $" (no departures, assumed {stay.TotalHours:0.#} h stay)" : "");
        return score.Finish(name, model.CapacityKw, fleet.RequestedKwh, fleet.RemainingKwh, 0.001);
    }

    // The building: a daytime hump between 07:00 and 19:00 local time, up to the peak share of the limit.
    private static double BaseLoadA(PhaseModel model, DateTimeOffset now, double limitA)
    {
        var hour = now.ToOffset(TimeSpan.FromHours(-8)).TimeOfDay.TotalHours;
        var daylight = hour is > 7 and < 19 ? Math.Sin((hour - 7) / 12 * Math.PI) : 0;
        return limitA * model.BaseLoadPeakShare * (0.3 + (0.7 * daylight));
    }

    internal static PhaseRotation RotationOf(int slot) => Rotations[slot % 3];
}
