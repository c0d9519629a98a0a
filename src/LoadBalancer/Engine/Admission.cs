namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Decides who runs when the capacity does not reach every car's minimum. The members' minimums are
/// already in the loads; walking them in pause order, a member is paused while any constraint it
/// loads is over its capacity. One pass suffices: a constraint still over when its last member is
/// reached has had every member paused.
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
        var admitted = 0;
        for (var m = 0; m < members.Length; m++)
        {
            var i = members[m];
            if (IsOver(problem, i))
            {
                problem.SetX(i, 0);
                problem.PauseReason[i] = AllocationReason.PausedForCapacity;
            }
            else
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
