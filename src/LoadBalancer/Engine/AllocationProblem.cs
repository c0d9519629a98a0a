namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// One snapshot turned into a linear problem: per participating connector a lower and upper bound,
/// and linear constraints (per node and phase, node power, phase imbalance, site cap) with their
/// remaining capacity, as sparse rows in both directions. Reused between calls: its buffers grow
/// during warm-up and are not allocated again.
/// </summary>
internal sealed class AllocationProblem
{
    // Ordered phase pairs (p, q) of the imbalance constraints: load p − load q ≤ limit.
    private static ReadOnlySpan<byte> PairP => [0, 0, 1, 1, 2, 2];
    private static ReadOnlySpan<byte> PairQ => [1, 2, 0, 2, 0, 1];

    public int ConnectorCount;
    public int NodeCount;
    public int ConstraintCount;
    public bool GridFallbackActive;
    public int SiteConstraint = -1;

    // Per connector.
    public bool[] Participates = [];
    public int[] GridMask = [];
    public int[] PhaseCount = [];
    public double[] LowA = [];
    public double[] HighA = [];
    public double[] StepA = [];
    public AllocationReason[] HighReason = [];
    public double[] FixedLimitA = [];
    public AllocationReason[] FixedReason = [];
    public bool[] HeldRunning = [];
    public bool[] HeldPaused = [];
    public double[] X = [];
    public AllocationReason[] PauseReason = [];
    public int[] Binding = [];
    public int[] Priority = [];
    public double[] SessionEnergyWh = [];
    public long[] SessionStartTicks = [];
    public double[] SlackS = [];

    // Per node and phase (index node * 3 + phase).
    public int[] NodeParent = [];
    public double[] BaseA = [];
    private double[] _drawSubtreeA = [];
    private double[] _staleDirectA = [];
    private double[] _staleSubtreeA = [];
    private double[] _childBaseA = [];
    private int[] _nodePowerConstraint = [];
    private int[] _nodeImbalanceConstraint = [];

    // Per constraint.
    public double[] Capacity = [];
    public double[] Load = [];
    public ConstraintKind[] Kind = [];
    public int[] ConstraintNode = [];
    public int[] ConstraintPhase = [];

    // Rows: connector → (constraint, coefficient) and constraint → (connector, coefficient).
    public int[] CarStart = [];
    public int[] CarConstraint = [];
    public double[] CarCoefficient = [];
    public int[] ConstraintStart = [];
    public int[] ConstraintCar = [];
    public double[] ConstraintCoefficient = [];
    private int[] _fill = [];

    public AllocationProblem()
    {
        ServeOrder = (a, b) => ConnectorOrder.Compare(this, ConnectorOrderKind.Serve, a, b);
        PauseOrder = (a, b) => ConnectorOrder.Compare(this, ConnectorOrderKind.Pause, a, b);
        ArrivalOrder = (a, b) => ConnectorOrder.Compare(this, ConnectorOrderKind.Arrival, a, b);
        SlackOrder = (a, b) => ConnectorOrder.Compare(this, ConnectorOrderKind.Slack, a, b);
        AllocationOrder = (a, b) => ConnectorOrder.Compare(this, ConnectorOrderKind.Allocation, a, b);
    }

    public Comparison<int> ServeOrder { get; }

    public Comparison<int> PauseOrder { get; }

    public Comparison<int> ArrivalOrder { get; }

    public Comparison<int> SlackOrder { get; }

    public Comparison<int> AllocationOrder { get; }

    public void Build(SiteSnapshot snapshot, Span<ConnectorMemory> memory)
    {
        var connectors = snapshot.Connectors;
        var nodes = snapshot.Nodes;
        Resize(connectors.Length, nodes.Length);
        Array.Clear(_drawSubtreeA, 0, NodeCount * 3);
        Array.Clear(_staleDirectA, 0, NodeCount * 3);
        Array.Clear(_childBaseA, 0, NodeCount * 3);
        for (var k = 0; k < NodeCount; k++)
        {
            NodeParent[k] = nodes[k].ParentIndex;
        }

        for (var i = 0; i < ConnectorCount; i++)
        {
            Classify(i, connectors[i], ref memory[i], snapshot);
        }

        ComputeBaseLoads(snapshot);
        BuildConstraints(snapshot);
        BuildRows(snapshot);
    }

    private void Resize(int connectorCount, int nodeCount)
    {
        ConnectorCount = connectorCount;
        NodeCount = nodeCount;
        Grow.ToAtLeast(ref Participates, connectorCount);
        Grow.ToAtLeast(ref GridMask, connectorCount);
        Grow.ToAtLeast(ref PhaseCount, connectorCount);
        Grow.ToAtLeast(ref LowA, connectorCount);
        Grow.ToAtLeast(ref HighA, connectorCount);
        Grow.ToAtLeast(ref StepA, connectorCount);
        Grow.ToAtLeast(ref HighReason, connectorCount);
        Grow.ToAtLeast(ref FixedLimitA, connectorCount);
        Grow.ToAtLeast(ref FixedReason, connectorCount);
        Grow.ToAtLeast(ref HeldRunning, connectorCount);
        Grow.ToAtLeast(ref HeldPaused, connectorCount);
        Grow.ToAtLeast(ref X, connectorCount);
        Grow.ToAtLeast(ref PauseReason, connectorCount);
        Grow.ToAtLeast(ref Binding, connectorCount);
        Grow.ToAtLeast(ref Priority, connectorCount);
        Grow.ToAtLeast(ref SessionEnergyWh, connectorCount);
        Grow.ToAtLeast(ref SessionStartTicks, connectorCount);
        Grow.ToAtLeast(ref SlackS, connectorCount);
        Grow.ToAtLeast(ref CarStart, connectorCount + 1);
        Grow.ToAtLeast(ref NodeParent, nodeCount);
        Grow.ToAtLeast(ref BaseA, nodeCount * 3);
        Grow.ToAtLeast(ref _drawSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _staleDirectA, nodeCount * 3);
        Grow.ToAtLeast(ref _staleSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _childBaseA, nodeCount * 3);
        Grow.ToAtLeast(ref _nodePowerConstraint, nodeCount);
        Grow.ToAtLeast(ref _nodeImbalanceConstraint, nodeCount);
    }

    private void Classify(int i, ConnectorInput connector, ref ConnectorMemory memory, SiteSnapshot snapshot)
    {
        var settings = snapshot.Settings;
        var now = snapshot.Time;
        var wiredMask = connector.WiredPhases == 1 ? 0b001 : 0b111;
        Participates[i] = false;
        X[i] = 0;
        HeldRunning[i] = false;
        HeldPaused[i] = false;
        PauseReason[i] = AllocationReason.PausedForCapacity;
        Binding[i] = -1;
        FixedLimitA[i] = 0;
        GridMask[i] = PhaseDetector.ToGridMask(wiredMask, connector.Rotation);
        PhaseCount[i] = connector.WiredPhases;
        StepA[i] = connector.StepA;
        LowA[i] = Steps.Up(connector.MinCurrentA, connector.StepA);
        Priority[i] = connector.PriorityClass;
        SessionEnergyWh[i] = connector.SessionEnergyWh;
        SessionStartTicks[i] = connector.SessionStartedAt?.UtcTicks ?? long.MaxValue;
        SlackS[i] = SlackSeconds(connector, now, settings);

        var stale = connector.IsStale || now - connector.MeasuredAt > settings.ConnectorDataMaxAge;
        if (snapshot.Constraints.EmergencyStop)
        {
            FixedReason[i] = AllocationReason.EmergencyStop;
        }
        else if (stale)
        {
            // Unknown is conservative: counted at the larger of its last limit and its failsafe, on every wired phase.
            var countedA = Math.Max(connector.LastLimitA, connector.FailsafeCurrentA);
            AddPerPhase(_staleDirectA, connector.CircuitIndex, GridMask[i], countedA);
            var offerA = Math.Min(countedA, connector.MaxCurrentA);
            if (snapshot.Constraints.PerChargerCapKw is { } capKw)
            {
                offerA = Math.Min(offerA, capKw * 1000 / (settings.NominalVoltageV * connector.WiredPhases));
            }

            offerA = Steps.Down(offerA, connector.StepA);
            FixedLimitA[i] = offerA >= LowA[i] && offerA > 0 ? offerA : 0;
            FixedReason[i] = AllocationReason.StaleData;
        }
        else if (connector.Activity == ConnectorActivity.Available)
        {
            FixedReason[i] = AllocationReason.NoVehicle;
        }
        else if (connector.Activity is ConnectorActivity.Faulted or ConnectorActivity.Unavailable)
        {
            FixedReason[i] = AllocationReason.Unavailable;
        }
        else
        {
            var carMask = PhaseDetector.Update(ref memory, connector, settings, now);
            GridMask[i] = PhaseDetector.ToGridMask(carMask, connector.Rotation);
            PhaseCount[i] = System.Numerics.BitOperations.PopCount((uint)carMask);
            HighA[i] = OfferBounds.Upper(ref memory, connector, snapshot, PhaseCount[i], LowA[i], out HighReason[i]);
            FixedReason[i] = HighReason[i];
            Participates[i] = HighA[i] >= LowA[i] && HighA[i] > 0;
            HeldRunning[i] = memory.Running && now - memory.RunningChangedAt < settings.MinRunTime;
            HeldPaused[i] = memory.PausedByBalancer && now - memory.RunningChangedAt < settings.MinPauseTime;

            // What it draws now is in the meters; it is taken out there and replaced by what it is allocated.
            var measured = connector.MeasuredCurrentA;
            for (var k = 0; k < connector.WiredPhases; k++)
            {
                _drawSubtreeA[(connector.CircuitIndex * 3) + connector.Rotation.GridPhase(k)] += measured[k];
            }
        }
    }

    // Laxity: the time to departure (known, or assumed from the plug-in time) minus the time the car
    // needs at its full current; +∞ when not known.
    private static double SlackSeconds(ConnectorInput connector, DateTimeOffset now, BalancerSettings settings)
    {
        var departure = connector.DepartureAt
            ?? (settings.AssumedStay is { } stay && connector.SessionStartedAt is { } start ? start + stay : null);
        if (departure is null || connector.EnergyWantedWh is not { } wantedWh || connector.MaxCurrentA <= 0)
        {
            return double.PositiveInfinity;
        }

        var fullPowerW = connector.MaxCurrentA * settings.NominalVoltageV * connector.WiredPhases;
        return (departure.Value - now).TotalSeconds - (Math.Max(0, wantedWh) / fullPowerW * 3600);
    }

    private static void AddPerPhase(double[] perNodePhase, int node, int gridMask, double currentA)
    {
        for (var p = 0; p < 3; p++)
        {
            if ((gridMask & (1 << p)) != 0)
            {
                perNodePhase[(node * 3) + p] += currentA;
            }
        }
    }

    private void ComputeBaseLoads(SiteSnapshot snapshot)
    {
        Array.Copy(_staleDirectA, _staleSubtreeA, NodeCount * 3);
        for (var k = NodeCount - 1; k >= 0; k--)
        {
            var parent = NodeParent[k];
            var meter = snapshot.Nodes[k].Meter;
            var meterFresh = meter is not null && !meter.IsStale && snapshot.Time - meter.Timestamp <= snapshot.Settings.MeasurementMaxAge;
            for (var p = 0; p < 3; p++)
            {
                var at = (k * 3) + p;

                // Load the balancer does not set here: what the meter sees minus what the controlled
                // connectors below draw, plus the stale connectors at their counted current (their real
                // draw is unknown and stays in the reading: unknown is conservative); never less than
                // what the nodes below already account for.
                var baseA = _childBaseA[at] + _staleDirectA[at];
                if (meterFresh)
                {
                    baseA = Math.Max(baseA, meter!.CurrentA[p] - _drawSubtreeA[at] + _staleSubtreeA[at]);
                }

                BaseA[at] = baseA;
                if (parent >= 0)
                {
                    _childBaseA[(parent * 3) + p] += baseA;
                    _drawSubtreeA[(parent * 3) + p] += _drawSubtreeA[at];
                    _staleSubtreeA[(parent * 3) + p] += _staleSubtreeA[at];
                }
            }
        }
    }

    private void BuildConstraints(SiteSnapshot snapshot)
    {
        var settings = snapshot.Settings;
        var kwPerA = settings.NominalVoltageV / 1000;
        var count = NodeCount * 3;
        var extra = 1;
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
            var meterStale = node.Meter is { } meter && (meter.IsStale || snapshot.Time - meter.Timestamp > settings.MeasurementMaxAge);
            GridFallbackActive |= root && meterStale;
            for (var p = 0; p < 3; p++)
            {
                var at = (k * 3) + p;
                var capacityA = node.MaxCurrentA[p] - settings.SafetyMarginA - BaseA[at];
                if (root && meterStale)
                {
                    capacityA = Math.Min(capacityA, settings.FallbackCurrentA - _staleSubtreeA[at]);
                }

                if (root)
                {
                    staleTotalKw += _staleSubtreeA[at] * kwPerA;
                }

                SetConstraint(at, capacityA, ConstraintKind.NodePhaseCurrent, k, p);
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
                SetConstraint(count++, maxKw - baseKw, ConstraintKind.NodePower, k, -1);
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

        ConstraintCount = count;
        Array.Clear(Load, 0, count);
    }

    private void EnsureConstraints(int count)
    {
        Grow.ToAtLeast(ref Capacity, count);
        Grow.ToAtLeast(ref Load, count);
        Grow.ToAtLeast(ref Kind, count);
        Grow.ToAtLeast(ref ConstraintNode, count);
        Grow.ToAtLeast(ref ConstraintPhase, count);
        Grow.ToAtLeast(ref ConstraintStart, count + 1);
        Grow.ToAtLeast(ref _fill, count);
    }

    private void SetConstraint(int at, double capacity, ConstraintKind kind, int node, int phase)
    {
        Capacity[at] = capacity;
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
