using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// How long what a probe showed of a car's phases stands (docs/control-loop.md, "A car's phases from a probe"). A charger that reports
/// one current without a phase would never show its car draw on more phases later, so a verdict stands only while nothing may have
/// changed it: the grid meter fresh (the fallback never rests on it), the charger reachable, the car charging all along (a car that
/// stops, or a new car, may start on other phases), and a verdict of fewer than three phases judged again within
/// <see cref="PhaseProbe.ProbeAgainAfter"/> plus <see cref="RejudgedWithin"/>.
/// </summary>
internal static class ProbedPhases
{
    /// <summary>How long past its time a verdict of fewer phases stands while it waits for a still moment to be judged again.</summary>
    public static readonly TimeSpan RejudgedWithin = TimeSpan.FromMinutes(2);

    /// <summary>Forgets every verdict that no longer stands; a car that lost one may be probed again after <see cref="PhaseProbe.RetryAfter"/>.</summary>
    public static void ForgetWhereUnsure(SiteModel model, bool gridStale, DateTimeOffset now)
    {
        foreach (var runtime in model.Connectors)
        {
            var car = runtime.Car;
            if (car.ProbedPhaseMask == 0)
            {
                continue;
            }

            if (gridStale || !runtime.Reachable || runtime.Status?.State != ConnectorState.Charging
                || (car.NextProbeAt != DateTimeOffset.MaxValue && now >= car.NextProbeAt + RejudgedWithin))
            {
                runtime.Car = car.WithoutProbedPhases(now + PhaseProbe.RetryAfter);
            }
        }
    }

    /// <summary>Forgets every verdict: the site's configuration changed (a rotation may have been put right).</summary>
    public static void ForgetAll(IEnumerable<ConnectorRuntime> connectors)
    {
        foreach (var runtime in connectors)
        {
            runtime.Car = runtime.Car.WithoutProbedPhases(default);
        }
    }
}
