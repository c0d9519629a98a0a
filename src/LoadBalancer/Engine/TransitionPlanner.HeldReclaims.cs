namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A reclaim — a decrease to what a car draws, which no limit needs — gives waiting raises their turn. Raises wait while any
/// decrease is on its way (contract item 8), and on a large site a reclaim went out nearly every cycle, each unconfirmed for its
/// charger's 0.1–3 s answer: the starts waited for ever (1,000 connectors, seed 1 at 1 s: a decrease unconfirmed in 45 % of the
/// cycles and in nearly every one of the last 20 s, starts waiting for 22.7 % of the room; docs/control-loop-sessions.md, Session 47). A
/// reclaim is held for a cycle where that lets a raise go — every decrease is then either in or not yet sent — and while only
/// earlier decreases are still unconfirmed, so that their wait ends; for at most a change's settle time in all. Never where a
/// meter reads over or in fallback, and never where holding it would leave a circuit over its limit once every limit sent has
/// taken effect. Holding costs no room: a
/// connector is reserved at its committed limit until its decrease is confirmed, so the raises are planned the same.
/// A decrease only fairness asks for (no reclaim) is not held: a raise sent first left one its charger then refused counted as
/// needed, and that car was sent its failsafe (CutNobodyNeededTests; the 20-connector sweep lost capacity with them held). A
/// reclaim's decrease is held whole, a part fairness adds below the reclaim included.
/// </summary>
internal static partial class TransitionPlanner
{
    // Whether connector i's decrease this cycle may wait for a raise: one to its own bound, that bound its reclaim (the whole
    // decrease, a part fairness adds below it included: held only so, the 1,000-connector gain stayed), no meter over, no
    // fallback, and held for less than a change's settle time so far (else raises granted one after another could hold it for
    // good, and a start that needs its room with it).
    private static bool MayWaitForARaise(AllocationProblem problem, int i) =>
        problem.HighReason[i] == AllocationReason.Reclaimed && problem.LastLimitA[i] > problem.HighA[i] + Tolerance
        && !problem.ReclaimHeldLongEnough[i] && !problem.GridFallbackActive && !problem.OnMeasuredOverload(i);

    /// <summary>
    /// Holds each of <paramref name="members"/> still at the reclaim planned for it at its last limit, where that leaves no
    /// circuit over its limit with every limit sent taken effect; keeps the planned limits in <paramref name="plannedA"/> and
    /// returns how many were held, moved to the front of <paramref name="members"/>.
    /// </summary>
    private static int HoldReclaims(AllocationProblem problem, Span<double> after, Span<int> members, Span<double> plannedA)
    {
        var held = 0;
        foreach (var i in members)
        {
            var lastA = problem.LastLimitA[i];
            var outA = problem.X[i];
            if (outA >= lastA - Tolerance)
            {
                continue;
            }

            var moreA = AfterA(problem, i, lastA) - AfterA(problem, i, outA);
            AddTo(problem, after, i, moreA);
            if (IsOver(problem, after, i))
            {
                AddTo(problem, after, i, -moreA);
                continue;
            }

            plannedA[held] = outA;
            members[held++] = i;
            problem.X[i] = lastA;
            problem.ReclaimHeld[i] = true;
        }

        return held;
    }

    // The held reclaims go after all: no raise took the turn they gave, or other decreases go out in this cycle anyway. (The loads
    // once every limit sent has taken effect are not kept up to date past this point: nothing after it reads them.)
    private static void ReleaseReclaims(AllocationProblem problem, ReadOnlySpan<int> held, ReadOnlySpan<double> plannedA)
    {
        for (var k = 0; k < held.Length; k++)
        {
            problem.X[held[k]] = plannedA[k];
            problem.ReclaimHeld[held[k]] = false;
        }
    }
}
