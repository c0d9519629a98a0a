namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Max-min fair progressive filling ("water-filling") over all constraints at once. Every member
/// starts at its minimum (already counted in <see cref="AllocationProblem.Load"/>); a common level
/// rises, each member holding max(its minimum, the level) until the level reaches its upper bound
/// or one of its constraints becomes tight, where it freezes. Events are taken in order from sorted
/// bounds and a heap of tightening levels, so the cost is O(entries · log constraints).
/// </summary>
internal sealed class WaterFiller
{
    private const double Tolerance = 1e-9;
    private const byte Waiting = 0;
    private const byte Rising = 1;
    private const byte Frozen = 2;

    private readonly ConstraintHeap _heap = new();
    private byte[] _status = [];
    private int[] _byLow = [];
    private int[] _byHigh = [];
    private double[] _keys = [];
    private double[] _rate = [];
    private double[] _offset = [];
    private bool[] _isDirty = [];
    private int[] _dirty = [];
    private int _dirtyCount;

    /// <summary>Fills <paramref name="members"/> (indexes of connectors whose minimum is already in the loads).</summary>
    public void Fill(AllocationProblem problem, ReadOnlySpan<int> members)
    {
        if (members.IsEmpty)
        {
            return;
        }

        Prepare(problem, members);
        var joinAt = 0;
        var capAt = 0;
        var level = problem.LowA[_byLow[0]];
        while (true)
        {
            // Everything that happens at this level: joins, members reaching their bound, constraints tightening.
            while (joinAt < members.Length && problem.LowA[_byLow[joinAt]] <= level + Tolerance)
            {
                Join(problem, _byLow[joinAt++]);
            }

            while (capAt < members.Length && (_status[_byHigh[capAt]] == Frozen || problem.HighA[_byHigh[capAt]] <= level + Tolerance))
            {
                var i = _byHigh[capAt++];
                if (_status[i] == Rising)
                {
                    Freeze(problem, i, problem.HighA[i]);
                }
            }

            Reschedule(problem);
            var tight = _heap.PeekLevel(out var constraint);
            if (tight <= level + Tolerance)
            {
                _heap.Remove(constraint);
                FreezeConstraint(problem, constraint, level);
                continue;
            }

            var next = tight;
            if (joinAt < members.Length)
            {
                next = Math.Min(next, problem.LowA[_byLow[joinAt]]);
            }

            if (capAt < members.Length)
            {
                next = Math.Min(next, problem.HighA[_byHigh[capAt]]);
            }

            if (double.IsPositiveInfinity(next))
            {
                return;
            }

            level = Math.Max(level, next);
        }
    }

    private void Prepare(AllocationProblem problem, ReadOnlySpan<int> members)
    {
        Grow.ToAtLeast(ref _status, problem.ConnectorCount);
        Grow.ToAtLeast(ref _byLow, members.Length);
        Grow.ToAtLeast(ref _byHigh, members.Length);
        Grow.ToAtLeast(ref _keys, members.Length);
        Grow.ToAtLeast(ref _rate, problem.ConstraintCount);
        Grow.ToAtLeast(ref _offset, problem.ConstraintCount);
        Grow.ToAtLeast(ref _isDirty, problem.ConstraintCount);
        Grow.ToAtLeast(ref _dirty, problem.ConstraintCount);
        Array.Clear(_isDirty, 0, problem.ConstraintCount);
        _dirtyCount = 0;
        Array.Clear(_rate, 0, problem.ConstraintCount);
        Array.Clear(_offset, 0, problem.ConstraintCount);
        _heap.Clear(problem.ConstraintCount);
        Array.Fill(_status, Frozen, 0, problem.ConnectorCount);
        for (var m = 0; m < members.Length; m++)
        {
            _status[members[m]] = Waiting;
        }

        SortBy(problem.LowA, members, _byLow);
        SortBy(problem.HighA, members, _byHigh);
    }

    private void SortBy(double[] values, ReadOnlySpan<int> members, int[] sorted)
    {
        for (var m = 0; m < members.Length; m++)
        {
            sorted[m] = members[m];
            _keys[m] = values[members[m]];
        }

        Array.Sort(_keys, sorted, 0, members.Length);
    }

    private void Join(AllocationProblem problem, int i)
    {
        if (_status[i] != Waiting)
        {
            return;
        }

        _status[i] = Rising;
        var lowA = problem.LowA[i];
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var j = problem.CarConstraint[e];
            _rate[j] += problem.CarCoefficient[e];
            _offset[j] += problem.CarCoefficient[e] * lowA;
            MarkDirty(j);
        }
    }

    private void Freeze(AllocationProblem problem, int i, double valueA)
    {
        _status[i] = Frozen;
        var lowA = problem.LowA[i];
        var value = Math.Clamp(valueA, lowA, problem.HighA[i]);
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var j = problem.CarConstraint[e];
            _rate[j] -= problem.CarCoefficient[e];
            _offset[j] -= problem.CarCoefficient[e] * lowA;
        }

        problem.SetX(i, value);
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            MarkDirty(problem.CarConstraint[e]);
        }
    }

    private void FreezeConstraint(AllocationProblem problem, int j, double level)
    {
        for (var e = problem.ConstraintStart[j]; e < problem.ConstraintStart[j + 1]; e++)
        {
            var i = problem.ConstraintCar[e];
            if (problem.ConstraintCoefficient[e] > 0 && _status[i] == Rising)
            {
                // The first bottleneck is the one that counts for fairness; a later top-up round keeps it.
                if (problem.Binding[i] < 0)
                {
                    problem.Binding[i] = j;
                }

                Freeze(problem, i, level);
            }
        }
    }

    private void MarkDirty(int j)
    {
        if (!_isDirty[j])
        {
            _isDirty[j] = true;
            _dirty[_dirtyCount++] = j;
        }
    }

    // Every constraint that changed since the last look is moved to its new level in the heap (once per event).
    // Load at level L is Load + rate·L − offset; it reaches the capacity at (capacity − Load + offset) / rate.
    private void Reschedule(AllocationProblem problem)
    {
        for (var d = 0; d < _dirtyCount; d++)
        {
            var j = _dirty[d];
            _isDirty[j] = false;
            if (_rate[j] > Tolerance)
            {
                _heap.Set(j, (problem.Capacity[j] - problem.Load[j] + _offset[j]) / _rate[j]);
            }
            else
            {
                _heap.Remove(j);
            }
        }

        _dirtyCount = 0;
    }
}
