using ChargeNet.LoadBalancer.Engine;

namespace ChargeNet.LoadBalancer;

/// <summary>
/// The product's allocation. Cars that must keep running (started less than the minimum run time
/// ago) keep their minimum unless a limit would be broken. Then, priority class by priority class
/// (highest first): cars are admitted at their minimum — when the minimums do not fit, the cars
/// with the most energy this session are paused — and the class is filled max-min fairly over all
/// node, phase, power, imbalance and curtailment constraints at once. In deadline-aware mode, cars
/// with a known departure are served first in order of least slack. Rounding leftovers are handed
/// out in whole steps.
/// </summary>
public sealed class FairShareStrategy : IAllocationStrategy
{
    /// <inheritdoc />
    public string Name => "fair-share";

    /// <inheritdoc />
    public void Allocate(SiteSnapshot snapshot, BalancerState state, AllocationResult result)
    {
        var problem = Pipeline.Prepare(snapshot, state, result);
        var scratch = state.Scratch;
        scratch.ResetAdmitted(problem.ConnectorCount);
        KeepHeldCarsRunning(problem, scratch);

        var count = 0;
        var participants = scratch.Participants(problem.ConnectorCount);
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.Participates[i])
            {
                participants[count++] = i;
            }
        }

        participants = participants[..count];
        problem.Sort(participants, ConnectorOrderKind.Serve);
        for (var start = 0; start < participants.Length;)
        {
            var end = start + 1;
            while (end < participants.Length && problem.Priority[participants[end]] == problem.Priority[participants[start]])
            {
                end++;
            }

            ServeClass(problem, scratch, participants[start..end], snapshot.Settings.DeadlineAware);
            start = end;
        }

        AllocationFinisher.Finish(problem, snapshot, state, result, Name, topUp: true);
    }

    private static void KeepHeldCarsRunning(AllocationProblem problem, StrategyScratch scratch)
    {
        var held = scratch.Held(problem.ConnectorCount);
        var count = 0;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.Participates[i] && problem.HeldRunning[i])
            {
                problem.SetX(i, problem.LowA[i]);
                held[count++] = i;
            }
        }

        var admitted = Admission.Admit(problem, held[..count]);
        foreach (var i in held[..admitted])
        {
            scratch.Admitted[i] = true;
        }
    }

    private static void ServeClass(AllocationProblem problem, StrategyScratch scratch, ReadOnlySpan<int> members, bool deadlineAware)
    {
        var newcomers = scratch.Group(members.Length);
        var count = 0;
        foreach (var i in members)
        {
            if (problem.HeldPaused[i])
            {
                problem.PauseReason[i] = AllocationReason.PausedHold;
            }
            else if (!problem.HeldRunning[i])
            {
                problem.SetX(i, problem.LowA[i]);
                newcomers[count++] = i;
            }
        }

        var admitted = Admission.Admit(problem, newcomers[..count]);
        foreach (var i in newcomers[..admitted])
        {
            scratch.Admitted[i] = true;
        }

        // Reuse the list for the admitted members of this class, those with a deadline first.
        var fill = scratch.Group(members.Length);
        count = 0;
        foreach (var i in members)
        {
            if (scratch.Admitted[i])
            {
                fill[count++] = i;
            }
        }

        fill = fill[..count];
        if (deadlineAware)
        {
            problem.Sort(fill, ConnectorOrderKind.Slack);
            var withDeadline = 0;
            while (withDeadline < fill.Length && double.IsFinite(problem.SlackS[fill[withDeadline]]))
            {
                withDeadline++;
            }

            SequentialFiller.Fill(problem, fill[..withDeadline]);
            fill = fill[withDeadline..];
        }

        scratch.Filler.Fill(problem, fill);
    }
}
