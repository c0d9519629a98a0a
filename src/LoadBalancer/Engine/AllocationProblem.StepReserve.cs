namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Room kept ahead of a step of the load nobody controls for the cuts chargers may not take (docs/control-loop-sessions.md,
/// Session 14, "Room kept ahead of a step"). When the load steps up by S on a phase the loop cuts its cars; a cut the
/// charger takes lands within the car's dead time (the grace property 1 allows), one it refuses, leaves unanswered or
/// answers late does not. What is left over after the grace is S less the room free and the draw that cuts surely free.
/// So each metered node phase keeps free room for S (<see cref="BalancerSettings.StepReserveShare"/> of its limit) less
/// that sure draw, but no more than the draw expected not to come down (each car's draw at the share of its latest
/// limits its charger did not take): on a phase whose chargers take their limits, nothing.
/// </summary>
internal sealed partial class AllocationProblem
{
    /// <summary>
    /// The room is capped at this much of the draw behind chargers that may not take their cuts, by their answers:
    /// the share they did not take (their draw at twice it, as <see cref="UntakenHedge"/> counts, is not counted as
    /// sure). Twice that share whole, or the site's prior for chargers with few answers, kept 10–30 A free on the site
    /// bench before any step and released it in bursts of raises that a step then met in flight (new overloads of
    /// 2–4 A on seeds 2 and 10; docs/control-loop-sessions.md, Session 14).
    /// </summary>
    private const double UntakenWeight = 0.5;

    // The share of a cut its charger may not take, by its own latest answers only: no answers, no room kept for it.
    private static double StepUntakenShare(ConnectorInput connector) =>
        connector.LimitsAnswered > 0 ? Math.Min(1, 2.0 * connector.LimitsNotTaken / connector.LimitsAnswered) : 0;

    // Whether room is kept ahead of a step this cycle: off (the default), the draw is not split by untaken share at all.
    private bool _stepReserveOn;

    private static bool StepReserveOn(BalancerSettings settings) => settings.ChangeBandA is not null && settings.StepReserveShare > 0;

    private double StepReserveA(SiteSnapshot snapshot, int k, int p)
    {
        var settings = snapshot.Settings;
        if (!_stepReserveOn || _meterState[k] != MeterState.Fresh)
        {
            return 0;
        }

        var at = (k * 3) + p;
        var stepA = settings.StepReserveShare * snapshot.Nodes[k].MaxCurrentA[p];
        return Math.Max(0, Math.Min(stepA - _sureDrawSubtreeA[at], UntakenWeight * _untakenDrawSubtreeA[at]));
    }
}
