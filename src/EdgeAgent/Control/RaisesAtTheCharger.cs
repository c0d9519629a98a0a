using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Property 8 at the charger, not only in the plan: a limit above the one its charger last confirmed reaches it only while no
/// decrease is on its way anywhere. The planner raises only then, but a raise its one-call driver queued behind another call
/// went out later beside a cut (site seed 71 at 1 s: cp0015 7 → 8 A with cp0013's cut to 6.1 A, both at 340.5 s), and a raise
/// left unanswered was sent again each cycle whatever was on its way (docs/control-loop-sessions.md, Session 45).
/// </summary>
internal static class RaisesAtTheCharger
{
    /// <summary>
    /// Whether a decrease is unconfirmed anywhere, or this cycle's limits lower one — on a connector a limit can reach: one whose
    /// charger says it is offline is sent nothing, and its lower plan held every raise of the site for as long as it stayed away.
    /// </summary>
    public static bool DecreaseOnItsWay(SiteModel model, SiteSnapshot snapshot, ReadOnlySpan<ConnectorAllocation> allocations)
    {
        var inputs = snapshot.Connectors;
        for (var i = 0; i < model.Connectors.Count; i++)
        {
            // The planner's rule too (ConnectorInput.Offline): an offline charger's lower plan goes nowhere.
            if (inputs[i].Offline)
            {
                continue;
            }

            if (inputs[i].DecreaseUnconfirmed || (model.Connectors[i].Setpoint is { } sent && allocations[i].LimitA < sent.LimitA - 1e-9))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// With a decrease on its way: whether <paramref name="limitA"/>, not a change of the plan (<paramref name="changed"/> false:
    /// the same limit sent again), lies above the limit its charger last confirmed, so it waits. A changed plan goes out: the
    /// planner counted whatever may be in force. A charger that confirmed nothing yet is not raised by any limit: its first ones
    /// are cuts from its own maximum.
    /// </summary>
    public static bool Waits(ConnectorRuntime runtime, double limitA, bool changed) => !changed && AboveConfirmed(runtime, limitA);

    /// <summary>
    /// With a decrease on its way and <paramref name="limitA"/> a raise at the charger: a raise still queued in its driver, unsent, is
    /// given up (it stays counted as may be in force; the planner hands it out again once the decreases are in) — sent later, it
    /// would reach the charger beside the decrease.
    /// </summary>
    public static void GiveUpQueuedRaise(ConnectorRuntime runtime, double limitA, ICharger charger)
    {
        if (AboveConfirmed(runtime, limitA)
            && runtime.Setpoint is { InFlight: true } queued && AboveConfirmed(runtime, queued.LimitA)
            && charger is IHasQueuedLimits queuing && queuing.IsLimitQueued(runtime.ConnectorId))
        {
            runtime.GiveUp(queued, "a raise queued behind another call to its charger: given up while a decrease is on its way elsewhere");
        }
    }

    private static bool AboveConfirmed(ConnectorRuntime runtime, double limitA) =>
        runtime.History.Confirmed is { } confirmed && limitA > confirmed.LimitA + 1e-9;
}
