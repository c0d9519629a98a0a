namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The share of a decrease not yet taken that room is kept for, by how its charger answered its latest limits
/// (<see cref="ConnectorInput.LimitsAnswered"/>). Both hedges of <see cref="TransitionPlanner"/> use it
/// (docs/control-loop.md, "Decreases before increases"): while a meter reads over its limit each decrease not yet
/// taken counts at this share, and a further cut at what it surely frees; in fallback each counts at this share but
/// at least a quarter (<c>TransitionPlanner.FallbackUntakenShare</c>), and the room kept is no less than the largest
/// of them. A cut a charger refuses or never answers is seen only after its answer (up to seconds), and the cut sent
/// then takes the car's dead time again: room is kept for it at once. A charger that took its latest limits is trusted to take this one,
/// so a site of reliable chargers cuts (almost) just enough; one with few answers yet is judged by its site's
/// chargers as a whole, and they by a modest prior while the site is new.
/// </summary>
/// <param name="PriorShare">The share of its limits a charger that answered none is assumed not to take: its site's.</param>
internal readonly record struct UntakenHedge(double PriorShare)
{
    /// <summary>The share of a new site's limits assumed not taken, and how many answers that prior weighs.</summary>
    private const double SitePriorShare = 0.25;

    private const double SitePriorAnswers = 8;

    /// <summary>How many answers the site's share weighs against a charger's own: its own answers soon decide.</summary>
    private const double PriorAnswers = 1;

    /// <summary>
    /// Room is kept for twice the share of its limits a charger did not take (at most the whole cut): a phase has
    /// few cuts in flight, and how many of them fail scatters well above the mean (on the UnconfirmedLimitTests site
    /// half of every cut was the least a uniform share could keep).
    /// </summary>
    private const double Factor = 2;

    /// <summary>The prior of the site's chargers: the share of all their latest limits they did not take.</summary>
    public static UntakenHedge Of(ReadOnlySpan<ConnectorInput> connectors)
    {
        double answered = 0;
        double notTaken = 0;
        foreach (var connector in connectors)
        {
            answered += connector.LimitsAnswered;
            notTaken += connector.LimitsNotTaken;
        }

        return new((notTaken + (SitePriorShare * SitePriorAnswers)) / (answered + SitePriorAnswers));
    }

    /// <summary>The share of a decrease not yet taken that room is kept for, for a charger that answered so.</summary>
    public double Share(int answered, int notTaken) =>
        Math.Min(1, Factor * (notTaken + (PriorShare * PriorAnswers)) / (answered + PriorAnswers));
}
