namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// The least constant power that still gives every car what it wants by its departure, each car at
/// most at its own maximum (docs/load-balancing.md, "Peak target"). Every car can still take at most
/// its maximum until it leaves, so by a time t from now it must have had at least what it wants less
/// what it can take after t: R(t) = Σ max(0, eᵢ − pᵢ · (dᵢ − t)⁺). A constant site power P delivers
/// P · t by t, so P ≥ R(t) / t for every t; R is piecewise linear, so the largest ratio is at one of
/// its corners (a car's departure, or the moment it must start at full power). This is the level the
/// least-laxity-first fill under the target needs; what a car cannot take before it leaves (more than
/// its maximum times its stay) is left out.
/// </summary>
public static class DepartureRequirement
{
    /// <param name="now">The moment of the plan.</param>
    /// <param name="needs">The cars present.</param>
    /// <param name="shortest">No horizon shorter than this is planned for (the control period: the
    /// soonest a new limit takes effect); a departure sooner than that counts as that far away.</param>
    /// <returns>The required power in W (0 with no needs).</returns>
    public static double RequiredW(DateTimeOffset now, ReadOnlySpan<EnergyNeed> needs, TimeSpan shortest)
    {
        var shortestS = Math.Max(shortest.TotalSeconds, 1);
        var requiredW = 0.0;
        for (var c = 0; c < needs.Length; c++)
        {
            // The corners of R: each car's departure and the moment it would have to start at full power.
            var (leaveS, wantWs) = Horizon(now, needs[c], shortestS);
            var maxW = needs[c].MaxPowerW;
            requiredW = Math.Max(requiredW, Ratio(now, needs, shortestS, leaveS));
            if (maxW > 0)
            {
                requiredW = Math.Max(requiredW, Ratio(now, needs, shortestS, Math.Max(shortestS, leaveS - (wantWs / maxW))));
            }
        }

        return requiredW;
    }

    // R(t) / t at t seconds from now.
    private static double Ratio(DateTimeOffset now, ReadOnlySpan<EnergyNeed> needs, double shortestS, double tS)
    {
        var dueWs = 0.0;
        foreach (var need in needs)
        {
            var (leaveS, wantWs) = Horizon(now, need, shortestS);
            dueWs += Math.Max(0, wantWs - (need.MaxPowerW * Math.Max(0, leaveS - tS)));
        }

        return dueWs / tS;
    }

    // Seconds until the car leaves (at least the shortest horizon), and the energy (W·s) it can still take by then.
    private static (double LeaveS, double WantWs) Horizon(DateTimeOffset now, EnergyNeed need, double shortestS)
    {
        var leaveS = Math.Max(shortestS, (need.Departure - now).TotalSeconds);
        var wantWs = Math.Min(Math.Max(0, need.RemainingWh) * 3600, Math.Max(0, need.MaxPowerW) * leaveS);
        return (leaveS, wantWs);
    }
}
