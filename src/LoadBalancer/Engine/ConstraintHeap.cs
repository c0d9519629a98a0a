namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A min-heap of (level at which a constraint becomes tight, constraint), indexed by constraint: a
/// constraint is in it at most once and its level is changed in place, so the heap never holds more
/// entries than there are constraints (no stale entries to skip). Ties are broken by constraint
/// index, so the order of events never depends on the order of updates. Buffers are kept.
/// </summary>
internal sealed class ConstraintHeap
{
    private double[] _levels = [];
    private int[] _constraints = [];
    private int[] _position = [];
    private int _count;

    /// <summary>Empties the heap for constraints 0 … <paramref name="constraintCount"/> − 1.</summary>
    public void Clear(int constraintCount)
    {
        Grow.ToAtLeast(ref _levels, constraintCount);
        Grow.ToAtLeast(ref _constraints, constraintCount);
        Grow.ToAtLeast(ref _position, constraintCount);
        Array.Fill(_position, -1, 0, constraintCount);
        _count = 0;
    }

    /// <summary>Puts <paramref name="constraint"/> in at <paramref name="level"/>, or moves it there.</summary>
    public void Set(int constraint, double level)
    {
        var at = _position[constraint];
        if (at < 0)
        {
            at = _count++;
            Place(at, level, constraint);
            SiftUp(at);
            return;
        }

        var old = _levels[at];
        _levels[at] = level;
        if (level < old)
        {
            SiftUp(at);
        }
        else
        {
            SiftDown(at);
        }
    }

    /// <summary>Takes <paramref name="constraint"/> out, if it is in.</summary>
    public void Remove(int constraint)
    {
        var at = _position[constraint];
        if (at < 0)
        {
            return;
        }

        _position[constraint] = -1;
        _count--;
        if (at == _count)
        {
            return;
        }

        var moved = _constraints[_count];
        Place(at, _levels[_count], moved);
        SiftUp(at);
        SiftDown(_position[moved]);
    }

    /// <summary>The smallest level, or +∞ when empty.</summary>
    public double PeekLevel(out int constraint)
    {
        if (_count == 0)
        {
            constraint = -1;
            return double.PositiveInfinity;
        }

        constraint = _constraints[0];
        return _levels[0];
    }

    private void SiftUp(int at)
    {
        var level = _levels[at];
        var constraint = _constraints[at];
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Before(level, constraint, _levels[parent], _constraints[parent]))
            {
                break;
            }

            Place(at, _levels[parent], _constraints[parent]);
            at = parent;
        }

        Place(at, level, constraint);
    }

    private void SiftDown(int at)
    {
        var level = _levels[at];
        var constraint = _constraints[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Before(_levels[child + 1], _constraints[child + 1], _levels[child], _constraints[child]))
            {
                child++;
            }

            if (!Before(_levels[child], _constraints[child], level, constraint))
            {
                break;
            }

            Place(at, _levels[child], _constraints[child]);
            at = child;
        }

        Place(at, level, constraint);
    }

    private static bool Before(double level, int constraint, double otherLevel, int otherConstraint) =>
        level < otherLevel || (level == otherLevel && constraint < otherConstraint);

    private void Place(int at, double level, int constraint)
    {
        _levels[at] = level;
        _constraints[at] = constraint;
        _position[constraint] = at;
    }
}
