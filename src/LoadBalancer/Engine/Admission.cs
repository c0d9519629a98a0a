namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Decides who runs when the capacity does not reach every car's minimum. The members' minimums are
/// already in the loads; walking them in pause order, a member is paused while any constraint it
/// loads is over its capacity; then the paused are offered their minimum again where it now fits
/// (a pause for one phase can free another).
/// </summary>
internal static class Admission
{
    private const double Tolerance = 1e-9;

    /// <summary>Pauses members as needed; returns how many stay admitted (they are moved to the front).</summary>
    public static int Admit(AllocationProblem problem, Span<int> members)
    {
        // Usually every minimum fits: then nobody is paused and the order does not matter.
        var anyOver = false;
        foreach (var i in members)
        {
            if (IsOver(problem, i))
            {
                anyOver = true;
                break;
            }
        }

        if (!anyOver)
        {
            return members.Length;
        }

        problem.Sort(members, ConnectorOrderKind.Pause);
        var paused = problem.AdmissionPaused;
        foreach (var i in members)
        {
            paused[i] = IsOver(problem, i);
            if (paused[i])
            {
                problem.SetX(i, 0);
                problem.PauseReason[i] = AllocationReason.PausedForCapacity;
            }
        }

        // A member paused early for a phase that later pauses freed (a one-phase car on a phase with room,
        // paused while every three-phase car was still counted there, before they were paused for another
        // phase) gets its minimum back where it now fits — the first in line (the last in pause order) first.
        for (var m = members.Length - 1; m >= 0; m--)
        {
            var i = members[m];
            if (paused[i])
            {
                problem.SetX(i, problem.LowA[i]);
                paused[i] = IsOver(problem, i);
                if (paused[i])
                {
                    problem.SetX(i, 0);
                }
            }
        }

        var admitted = 0;
        foreach (var i in members)
        {
            if (!paused[i])
            {
                members[admitted++] = i;
            }
        }

        return admitted;
    }

    private static bool IsOver(AllocationProblem problem, int i)
    {
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var j = problem.CarConstraint[e];
            if (problem.CarCoefficient[e] > 0 && problem.Load[j] > problem.Capacity[j] + Tolerance)
            {
                return true;
            }
        }

        return false;
    }
}
