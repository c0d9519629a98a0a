namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A min-heap of (level at which a constraint becomes tight, constraint) with lazy deletion: an
/// entry whose version is no longer the constraint's current version is skipped. Buffers are kept.
/// </summary>
internal sealed class ConstraintHeap
{
    private double[] _levels = [];
    private int[] _constraints = [];
    private int[] _versions = [];
    private int _count;

    public int Count => _count;

    public void Clear() => _count = 0;

    public void Push(double level, int constraint, int version)
    {
        Grow.ToAtLeast(ref _levels, _count + 1);
        Grow.ToAtLeast(ref _constraints, _count + 1);
        Grow.ToAtLeast(ref _versions, _count + 1);
        var at = _count++;
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Before(level, constraint, _levels[parent], _constraints[parent]))
            {
                break;
            }

            Move(parent, at);
            at = parent;
        }

        Set(at, level, constraint, version);
    }

    /// <summary>The smallest level among entries still current, or +∞; stale entries on top are dropped.</summary>
    public double PeekLevel(int[] currentVersions, out int constraint)
    {
        while (_count > 0)
        {
            constraint = _constraints[0];
            if (_versions[0] == currentVersions[constraint])
            {
                return _levels[0];
            }

            Pop();
        }

        constraint = -1;
        return double.PositiveInfinity;
    }

    public void Pop()
    {
        _count--;
        if (_count == 0)
        {
            return;
        }

        var level = _levels[_count];
        var constraint = _constraints[_count];
        var version = _versions[_count];
        var at = 0;
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

            Move(child, at);
            at = child;
        }

        Set(at, level, constraint, version);
    }

    // Ties broken by constraint index, so the order of events never depends on insertion order.
    private static bool Before(double level, int constraint, double otherLevel, int otherConstraint) =>
        level < otherLevel || (level == otherLevel && constraint < otherConstraint);

    private void Move(int from, int to) => Set(to, _levels[from], _constraints[from], _versions[from]);

    private void Set(int at, double level, int constraint, int version)
    {
        _levels[at] = level;
        _constraints[at] = constraint;
        _versions[at] = version;
    }
}
