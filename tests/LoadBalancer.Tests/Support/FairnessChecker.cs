using System.Globalization;

namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>
/// Max-min fairness, checked from the outside: every running car below its own maximum has a
/// bottleneck — a node phase that is full (up to what rounding to steps leaves) on which no car of its
/// priority class or lower has more than it (beyond one rounding step), unless that car is only at
/// its own minimum.
/// </summary>
internal static class FairnessChecker
{
    public static List<string> Violations(SiteSnapshot snapshot, AllocationResult result)
    {
        var problems = new List<string>();
        var outputs = result.Connectors.ToArray();
        for (var c = 0; c < outputs.Length; c++)
        {
            var mine = outputs[c];
            var connector = snapshot.Connectors[c];
            if (mine.LimitA == 0 || mine.Reason is AllocationReason.AtMaximum or AllocationReason.StaleData)
            {
                continue;
            }

            if (mine.Reason != AllocationReason.NodeCurrentLimit)
            {
                problems.Add(F("connector {0}: {1} A for {2}, not at its maximum nor at a full node", c, mine.LimitA, mine.Reason));
                continue;
            }

            var (node, phase) = (mine.BindingNodeIndex, mine.BindingPhase);
            var headroomA = result.NodeHeadroomA[node][phase];
            var roundingA = 1e-6;
            for (var d = 0; d < outputs.Length; d++)
            {
                if (outputs[d].UsesGridPhase(phase) && RandomSites.IsBelow(snapshot.Nodes, snapshot.Connectors[d].CircuitIndex, node))
                {
                    roundingA += snapshot.Connectors[d].StepA;
                }
            }

            if (headroomA >= Math.Max(connector.StepA, roundingA))
            {
                problems.Add(F("connector {0}: capped by node {1} L{2}, which still has {3} A", c, node, phase + 1, headroomA));
            }

            for (var d = 0; d < outputs.Length; d++)
            {
                var other = snapshot.Connectors[d];
                var theirs = outputs[d];
                var sharesBottleneck = theirs.UsesGridPhase(phase) && RandomSites.IsBelow(snapshot.Nodes, other.CircuitIndex, node);
                var toleranceA = Math.Max(2 * Math.Max(connector.StepA, other.StepA), roundingA) + 1e-6;
                if (d != c && sharesBottleneck && theirs.Reason != AllocationReason.StaleData && other.PriorityClass <= connector.PriorityClass
                    && theirs.LimitA > mine.LimitA + toleranceA && theirs.LimitA > Math.Ceiling(other.MinCurrentA) + roundingA)
                {
                    problems.Add(F("connector {0} has {1} A at its bottleneck node {2} L{3}, where connector {4} has more: {5} A", c, mine.LimitA, node, phase + 1, d, theirs.LimitA));
                }
            }
        }

        return problems;
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
