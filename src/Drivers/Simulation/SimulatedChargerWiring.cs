namespace ChargeNet.Drivers.Simulation;

/// <summary>A simulated charger's outlets and how its phases are wired to the grid.</summary>
/// <param name="ChargerId">The charger's id.</param>
/// <param name="GridPhaseOfChargerPhase">Element i is the grid phase (0 = L1) of charger phase i.</param>
/// <param name="Outlets">Its connectors, connector 1 first.</param>
public sealed record SimulatedChargerWiring(string ChargerId, IReadOnlyList<int> GridPhaseOfChargerPhase, IReadOnlyList<SimulatedOutlet> Outlets);
