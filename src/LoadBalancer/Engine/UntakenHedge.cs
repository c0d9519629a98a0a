namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// While a meter reads over its limit: the share of a decrease not yet taken that room is kept for, by how its
/// charger answered its latest limits (<see cref="ConnectorInput.LimitsAnswered"/>; docs/control-loop.md,
/// "While a meter reads over its limit, room is kept for the decreases not yet taken"). A cut a charger refuses or
/// never answers is seen only after its answer (up to seconds), and the cut sent then takes the car's dead time
/// again: room is kept for it at once. A charger that took its latest limits is trusted to take this one, so a
/// site of reliable chargers cuts just enough; one with no answers yet is judged by a modest prior.
/// </summary>
internal static class UntakenHedge
{
    /// <summary>The share of a new charger's limits assumed not taken, and how many answers that prior weighs.</summary>
    private const double PriorShare = 0.25;

    private const double PriorAnswers = 2;

    /// <summary>
    /// Room is kept for this many times the share of its limits a charger did not take (at most the whole cut):
    /// a phase has few cuts in flight, and their sum scatters well above its mean.
    /// </summary>
    private const double Factor = 2;

    public static double Share(int answered, int notTaken) =>
        Math.Min(1, Factor * (notTaken + (PriorShare * PriorAnswers)) / (answered + PriorAnswers));
}
