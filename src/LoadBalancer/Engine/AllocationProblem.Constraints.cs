namespace ChargeNet.LoadBalancer.Engine;

/// <summary>The constraints of the problem and its sparse rows and columns.</summary>
internal sealed partial class AllocationProblem
{
    private void BuildConstraints(SiteSnapshot snapshot)
    {
        var settings = snapshot.Settings;
        var kwPerA = settings.NominalVoltageV / 1000;
        var count = NodeCount * 3;
        var halfBandA = (settings.ChangeBandA ?? 0) / 2;
        var extra = 2 + GroupChargers(snapshot) + MarkRefusingAtFallback(snapshot);
        foreach (var node in snapshot.Nodes)
        {
            extra += (node.MaxPowerKw is null ? 0 : 1) + (node.MaxImbalanceA is null ? 0 : 6);
        }

        EnsureConstraints(count + extra);
        GridFallbackActive = false;
        var staleTotalKw = 0.0;
        for (var k = 0; k < NodeCount; k++)
        {
            var node = snapshot.Nodes[k];
            var root = node.ParentIndex < 0;
            // The grid meter unknown: the fallback current holds, and the base is no estimate (nothing of it is unsure).
            var fallback = root && _meterState[k] == MeterState.Stale;
            GridFallbackActive |= fallback;
            for (var p = 0; p < 3; p++)
            {
                var at = (k * 3) + p;
                var reserveA = _restartReserveA[at] + _restartHeldA[at];
                var capacityA = node.MaxCurrentA[p] - settings.SafetyMarginA - BaseA[at] + IdlePhaseCreditA(k, p);
                if (fallback)
                {
                    capacityA = Math.Min(capacityA, settings.FallbackCurrentA - _staleSubtreeA[at]);
                }

                var stepReserveA = fallback ? 0 : StepReserveA(snapshot, k, p);
                capacityA -= reserveA + stepReserveA;
                if (root)
                {
                    staleTotalKw += (_staleSubtreeA[at] + reserveA) * kwPerA;
                }

                // Targets half a band under the limit; the limits in force must come down only when,
                // with every car at the most it may be drawing, they pass the limit itself — a car that
                // stopped on its own draws nothing until it starts again.
                var forcedSlackA = halfBandA + reserveA + stepReserveA + (fallback ? 0 : BaseA[at] - BaseLowA[at]);
                SetConstraint(at, capacityA - halfBandA, ConstraintKind.NodePhaseCurrent, k, p, forcedSlackA, fallback ? 0 : _unsureA[at]);
                MeasuredOver[at] = _meterState[k] == MeterState.Fresh
                    && node.Meter!.CurrentA[p] > node.MaxCurrentA[p] - settings.SafetyMarginA;
            }
        }

        for (var k = 0; k < NodeCount; k++)
        {
            var node = snapshot.Nodes[k];
            var baseKw = (BaseA[k * 3] + BaseA[(k * 3) + 1] + BaseA[(k * 3) + 2]) * kwPerA;
            _nodePowerConstraint[k] = -1;
            _nodeImbalanceConstraint[k] = -1;
            if (node.MaxPowerKw is { } maxKw)
            {
                _nodePowerConstraint[k] = count;
                var lowKw = (BaseLowA[k * 3] + BaseLowA[(k * 3) + 1] + BaseLowA[(k * 3) + 2]) * kwPerA;
                SetConstraint(count++, maxKw - baseKw, ConstraintKind.NodePower, k, -1, baseKw - lowKw);
            }

            if (node.MaxImbalanceA is { } maxImbalanceA)
            {
                _nodeImbalanceConstraint[k] = count;
                for (var t = 0; t < 6; t++)
                {
                    var baseDifferenceA = BaseA[(k * 3) + PairP[t]] - BaseA[(k * 3) + PairQ[t]];
                    SetConstraint(count++, maxImbalanceA - baseDifferenceA, ConstraintKind.NodeImbalance, k, PairP[t]);
                }
            }
        }

        SiteConstraint = -1;
        if (snapshot.Constraints.SiteCapKw is { } siteCapKw)
        {
            SiteConstraint = count;
            SetConstraint(count++, siteCapKw - staleTotalKw, ConstraintKind.SiteCap, -1, -1);
        }

        count = BuildPeakTargetConstraint(snapshot, count);
        count = BuildChargerConstraints(snapshot, count);
        count = BuildRefusingAtFallbackConstraints(snapshot, count);
        ConstraintCount = count;
        Array.Clear(Load, 0, count);
    }

    /// <summary>Whether connector <paramref name="i"/> loads a constraint whose meter reads over its limit less the margin now.</summary>
    public bool OnMeasuredOverload(int i)
    {
        for (var e = CarStart[i]; e < CarStart[i + 1]; e++)
        {
            if (CarCoefficient[e] > 0 && MeasuredOver[CarConstraint[e]])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether connector <paramref name="i"/> loads a constraint whose base load may, by a band or more, be cars answering
    /// their limits: targets there were planned as if it were load nobody controls, and a car that just followed a raise
    /// would be cut again.
    /// </summary>
    public bool OnUnsureConstraint(int i, double bandA)
    {
        for (var e = CarStart[i]; e < CarStart[i + 1]; e++)
        {
            var coefficient = CarCoefficient[e];
            if (coefficient > 0 && Unsure[CarConstraint[e]] >= Math.Max(bandA, 1) * coefficient)
            {
                return true;
            }
        }

        return false;
    }

    private void EnsureConstraints(int count)
    {
        Grow.ToAtLeast(ref Capacity, count);
        Grow.ToAtLeast(ref ForcedSlack, count);
        Grow.ToAtLeast(ref MeasuredOver, count);
        Grow.ToAtLeast(ref Unsure, count);
        Grow.ToAtLeast(ref Load, count);
        Grow.ToAtLeast(ref Kind, count);
        Grow.ToAtLeast(ref ConstraintNode, count);
        Grow.ToAtLeast(ref ConstraintPhase, count);
        Grow.ToAtLeast(ref ConstraintStart, count + 1);
        Grow.ToAtLeast(ref _fill, count);
    }

    private void SetConstraint(int at, double capacity, ConstraintKind kind, int node, int phase, double forcedSlack = 0, double unsure = 0)
    {
        MeasuredOver[at] = false;
        Unsure[at] = unsure;
        Capacity[at] = capacity;
        ForcedSlack[at] = forcedSlack;
        Kind[at] = kind;
        ConstraintNode[at] = node;
        ConstraintPhase[at] = phase;
    }

    private void BuildRows(SiteSnapshot snapshot)
    {
        var kwPerA = snapshot.Settings.NominalVoltageV / 1000;
        var entries = 0;
        for (var i = 0; i < ConnectorCount; i++)
        {
            CarStart[i] = entries;
            if (!Participates[i])
            {
                continue;
            }

            var mask = GridMask[i];
            var phases = PhaseCount[i];
            for (var k = snapshot.Connectors[i].CircuitIndex; k >= 0; k = NodeParent[k])
            {
                for (var p = 0; p < 3; p++)
                {
                    if ((mask & (1 << p)) != 0)
                    {
                        Add(ref entries, (k * 3) + p, 1);
                    }
                }

                if (_nodePowerConstraint[k] >= 0)
                {
                    Add(ref entries, _nodePowerConstraint[k], phases * kwPerA);
                }

                if (_nodeImbalanceConstraint[k] >= 0 && phases < 3)
                {
                    for (var t = 0; t < 6; t++)
                    {
                        var coefficient = ((mask >> PairP[t]) & 1) - ((mask >> PairQ[t]) & 1);
                        if (coefficient != 0)
                        {
                            Add(ref entries, _nodeImbalanceConstraint[k] + t, coefficient);
                        }
                    }
                }
            }

            if (SiteConstraint >= 0)
            {
                Add(ref entries, SiteConstraint, phases * kwPerA);
            }

            if (PeakTargetConstraint >= 0)
            {
                Add(ref entries, PeakTargetConstraint, phases * kwPerA);
            }

            if (ChargerConstraintOf(i) is var charger and >= 0)
            {
                Add(ref entries, charger, phases * kwPerA);
            }

            AddRefusingAtFallback(ref entries, i);
        }

        CarStart[ConnectorCount] = entries;
        BuildColumns(entries);
    }

    private void Add(ref int entries, int constraint, double coefficient)
    {
        Grow.ToAtLeast(ref CarConstraint, entries + 1);
        Grow.ToAtLeast(ref CarCoefficient, entries + 1);
        CarConstraint[entries] = constraint;
        CarCoefficient[entries] = coefficient;
        entries++;
    }

    private void BuildColumns(int entries)
    {
        Grow.ToAtLeast(ref ConstraintCar, entries);
        Grow.ToAtLeast(ref ConstraintCoefficient, entries);
        Array.Clear(ConstraintStart, 0, ConstraintCount + 1);
        for (var e = 0; e < entries; e++)
        {
            ConstraintStart[CarConstraint[e] + 1]++;
        }

        for (var j = 0; j < ConstraintCount; j++)
        {
            ConstraintStart[j + 1] += ConstraintStart[j];
            _fill[j] = ConstraintStart[j];
        }

        for (var i = 0; i < ConnectorCount; i++)
        {
            for (var e = CarStart[i]; e < CarStart[i + 1]; e++)
            {
                var j = CarConstraint[e];
                ConstraintCar[_fill[j]] = i;
                ConstraintCoefficient[_fill[j]] = CarCoefficient[e];
                _fill[j]++;
            }
        }
    }
}
