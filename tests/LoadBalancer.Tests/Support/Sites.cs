namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>Small builders for snapshots in tests: a moment, a grid node, a car.</summary>
internal static class Sites
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static BalancerSettings Settings(double marginA = 0, double fallbackA = 0) => new()
    {
        SafetyMarginA = marginA,
        FallbackCurrentA = fallbackA,
        ReclaimEnabled = false,
    };

    /// <summary>The live loop's settings: a 1 A change band, reclaim on.</summary>
    public static BalancerSettings Live() => Settings() with { ChangeBandA = 1, ReclaimEnabled = true };

    public static CircuitNode Grid(double limitA, PhaseCurrents? meteredA = null, double? imbalanceA = null, double? maxKw = null) => new()
    {
        Id = "grid",
        MaxCurrentA = PhaseCurrents.All(limitA),
        Meter = meteredA is { } m ? new NodeMeasurement(m, Now) : null,
        MaxImbalanceA = imbalanceA,
        MaxPowerKw = maxKw,
    };

    public static CircuitNode Circuit(string id, int parent, double limitA, PhaseCurrents? meteredA = null) => new()
    {
        Id = id,
        ParentIndex = parent,
        MaxCurrentA = PhaseCurrents.All(limitA),
        Meter = meteredA is { } m ? new NodeMeasurement(m, Now) : null,
    };

    /// <summary>A car charging (drawing <paramref name="drawA"/> per used phase) on connector <paramref name="id"/>.</summary>
    public static ConnectorInput Car(
        string id,
        int circuit = 0,
        double maxA = 32,
        int carPhases = 3,
        PhaseRotation rotation = PhaseRotation.L1L2L3,
        double drawA = 0,
        int priority = 0,
        double energyWh = 0,
        double stepA = 1) => new()
    {
        Id = id,
        CircuitIndex = circuit,
        Rotation = rotation,
        MaxCurrentA = maxA,
        StepA = stepA,
        Activity = ConnectorActivity.Charging,
        MeasuredCurrentA = carPhases == 1 ? new PhaseCurrents(drawA, 0, 0) : PhaseCurrents.All(drawA),
        MeasuredAt = Now,
        LastLimitAt = Now.AddMinutes(-5),
        PriorityClass = priority,
        SessionEnergyWh = energyWh,
        SessionStartedAt = Now.AddHours(-1),
    };

    /// <summary>
    /// A one-phase car on a one-phase connector, limited to its 32 A maximum (committed), drawing <paramref name="drawA"/>; its
    /// charger answered its last 16 limits and did not take <paramref name="notTaken"/> of them.
    /// </summary>
    public static ConnectorInput OnePhaseAtMaximum(string id, PhaseRotation rotation, double drawA, int notTaken) =>
        Car(id, carPhases: 1, rotation: rotation, drawA: drawA) with
        {
            WiredPhases = 1,
            LastLimitA = 32,
            CommittedA = 32,
            LimitsAnswered = 16,
            LimitsNotTaken = notTaken,
        };

    public static SiteSnapshot Snapshot(BalancerSettings settings, CircuitNode[] nodes, params ConnectorInput[] connectors) => new()
    {
        Time = Now,
        Nodes = nodes,
        Connectors = connectors,
        Settings = settings,
    };

    public static AllocationResult Run(IAllocationStrategy strategy, SiteSnapshot snapshot)
    {
        var result = new AllocationResult();
        strategy.Allocate(snapshot, new BalancerState(), result);
        return result;
    }
}
