namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Chargers that did not take some of their latest limits (refused, failed, timed out: <see cref="ConnectorInput.LimitsNotTaken"/>)
/// may not take the cut the grid meter's fallback needs either, and while they refuse their cars keep what they have. The fallback
/// must hold within meterTimeoutS + one cycle + the dead time (issue 13, property 4): the other cars can be cut harder (the
/// fallback's hedge in <see cref="TransitionPlanner"/>), but what the refusing chargers of a grid phase hold together stays
/// there for as long as they refuse. So their cars together are offered no more than the fallback current on each grid phase:
/// one constraint per grid phase over them (docs/control-loop-sessions.md, Sessions 19 and 20; a car of unknown phases loads every wired
/// phase, as everywhere). Where their minimums do not fit under it together, admission pauses some of them in pause order
/// (the rest fit); a car whose minimum alone is over the fallback is left out — only the fallback itself pauses it.
/// </summary>
internal sealed partial class AllocationProblem
{
    /// <summary>
    /// How many of its last answers a charger must not have taken to count as refusing: one timed-out or refused answer among
    /// many is a hiccup, not a way (docs/control-loop-sessions.md, Session 20).
    /// </summary>
    internal const int RefusingFromNotTaken = 2;

    // Per connector: the first of its grid's three refusing-at-fallback constraints (one per grid phase); -1 when not a member.
    private int[] _refusingConstraintOf = [];

    // Per node (a grid with a meter and refusing members): its first refusing-at-fallback constraint; -1 otherwise.
    private int[] _refusingConstraintAt = [];

    /// <summary>Marks the members (by their grid node for now) and returns how many constraints they need: three per grid.</summary>
    private int MarkRefusingAtFallback(SiteSnapshot snapshot)
    {
        Grow.ToAtLeast(ref _refusingConstraintOf, ConnectorCount);
        Grow.ToAtLeast(ref _refusingConstraintAt, NodeCount);
        Array.Fill(_refusingConstraintAt, -1, 0, NodeCount);
        var fallbackA = snapshot.Settings.FallbackCurrentA;
        var needed = 0;
        for (var i = 0; i < ConnectorCount; i++)
        {
            _refusingConstraintOf[i] = -1;
            var connector = snapshot.Connectors[i];
            if (!Participates[i] || connector.LimitsNotTaken < RefusingFromNotTaken || LowA[i] > fallbackA)
            {
                continue;
            }

            var grid = GridOf(connector.CircuitIndex);
            if (_meterState[grid] == MeterState.None)
            {
                continue; // no fallback to keep
            }

            if (_refusingConstraintAt[grid] < 0)
            {
                _refusingConstraintAt[grid] = 0; // has members: numbered in BuildRefusingAtFallbackConstraints
                needed += 3;
            }

            _refusingConstraintOf[i] = grid;
        }

        return needed;
    }

    private int BuildRefusingAtFallbackConstraints(SiteSnapshot snapshot, int count)
    {
        for (var k = 0; k < NodeCount; k++)
        {
            if (_refusingConstraintAt[k] < 0)
            {
                continue;
            }

            _refusingConstraintAt[k] = count;
            for (var p = 0; p < 3; p++)
            {
                // No half band under it: nothing in it moves with a reading, so there is nothing to keep a band for.
                SetConstraint(count++, snapshot.Settings.FallbackCurrentA, ConstraintKind.RefusingAtFallback, k, p);
            }
        }

        for (var i = 0; i < ConnectorCount; i++)
        {
            if (_refusingConstraintOf[i] >= 0)
            {
                _refusingConstraintOf[i] = _refusingConstraintAt[_refusingConstraintOf[i]];
            }
        }

        return count;
    }

    /// <summary>The row entries of connector <paramref name="i"/> in its grid's refusing-at-fallback constraints, if a member.</summary>
    private void AddRefusingAtFallback(ref int entries, int i)
    {
        if (_refusingConstraintOf[i] is var first and >= 0)
        {
            for (var p = 0; p < 3; p++)
            {
                if ((GridMask[i] & (1 << p)) != 0)
                {
                    Add(ref entries, first + p, 1);
                }
            }
        }
    }

    private int GridOf(int node)
    {
        while (NodeParent[node] >= 0)
        {
            node = NodeParent[node];
        }

        return node;
    }
}
