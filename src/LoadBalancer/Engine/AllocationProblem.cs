namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// One snapshot turned into a linear problem: per participating connector a lower and upper bound,
/// and linear constraints (per node and phase, node power, phase imbalance, site cap) with their
/// remaining capacity, as sparse rows in both directions. Reused between calls: its buffers grow
/// during warm-up and are not allocated again.
/// </summary>
internal sealed partial class AllocationProblem
{
    // Ordered phase pairs (p, q) of the imbalance constraints: load p − load q ≤ limit.
    private static ReadOnlySpan<byte> PairP => [0, 0, 1, 1, 2, 2];
    private static ReadOnlySpan<byte> PairQ => [1, 2, 0, 2, 0, 1];

    public int ConnectorCount;
    public int NodeCount;
    public int ConstraintCount;
    public bool GridFallbackActive;

    /// <summary>Some connector has a decrease the charger has not confirmed yet: raises wait.</summary>
    public bool DecreaseUnconfirmed;
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

    /// <summary>Whether a running car has had its turn (<see cref="BalancerSettings.TurnTime"/>), or is not known to run.</summary>
    public bool[] TurnOver = [];
    public bool[] HeldPaused = [];

    /// <summary>Offered its minimum again after a pause for having stopped on its own (<see cref="ConnectorMemory.Probing"/>): paused first.</summary>
    public bool[] Probing = [];

    /// <summary>Admission's working flag: paused in this call.</summary>
    public bool[] AdmissionPaused = [];
    public double[] X = [];
    public AllocationReason[] PauseReason = [];
    public int[] Binding = [];
    public int[] Priority = [];
    public double[] SessionEnergyWh = [];
    public long[] SessionStartTicks = [];
    public double[] SlackS = [];
    public double[] LastLimitA = [];
    public double[] CommittedA = [];

    /// <summary>Per connector: a decrease sent to it is neither confirmed nor a car's response time old (<see cref="ConnectorInput.DecreaseUnconfirmed"/>).</summary>
    public bool[] DecreaseUnconfirmedAt = [];

    /// <summary>
    /// Per connector: its last limit is not known to be on its way — it waits in its driver, not yet sent (<see cref="ConnectorInput.LimitQueued"/>),
    /// or its charger left it unanswered past its usual answer time (<see cref="ConnectorInput.LimitOverdue"/>).
    /// </summary>
    public bool[] LimitStalledAt = [];

    /// <summary>Per connector: its charger says it is offline; no limit reaches it (<see cref="ConnectorInput.Offline"/>).</summary>
    public bool[] OfflineAt = [];

    /// <summary>Per connector: the share of a decrease not yet taken that room is kept for while a meter reads over, and in fallback at least a quarter (<see cref="UntakenHedge"/>).</summary>
    public double[] UntakenShareAt = [];
    public bool[] Waiting = [];

    /// <summary>
    /// Per connector: paused only to keep room for decreases elsewhere their chargers may not take (the planner's hedge while a
    /// meter reads over or the grid meter is unknown): no longer needed once those are taken, so the pause is not held.
    /// </summary>
    public bool[] PausedForHedge = [];

    /// <summary>Per connector: its reclaim is held back for raises in this call (TransitionPlanner.HeldReclaims.cs).</summary>
    public bool[] ReclaimHeld = [];

    /// <summary>Per connector: its reclaim has been held back for a change's settle time already: it goes, raises or not.</summary>
    public bool[] ReclaimHeldLongEnough = [];
    public bool[] Settled = [];

    /// <summary>
    /// Per connector: what its car drew before a raise still on its way (sent lately, not yet seen taken) — where its own reading
    /// shows the raise not taken (<see cref="RaiseReadNotTaken"/>), what that reading shows; 0 where none. A start
    /// (a car that drew nothing) is not one (docs/control-loop-sessions.md, Session 17, "The first cut after a step").
    /// </summary>
    public double[] RaisedFromA = [];

    // Per node and phase (index node * 3 + phase).
    public int[] NodeParent = [];
    public double[] BaseA = [];
    public double[] BaseLowA = [];

    // Per node and phase: how much of BaseA may, for a few seconds more, be cars answering their limits.
    private double[] _unsureA = [];
    private double[] _drawSubtreeA = [];
    private double[] _drawHighSubtreeA = [];

    // The same, but a car whose lower limit its charger confirmed counted at no more than that limit or its reading.
    private double[] _drawTakenHighSubtreeA = [];

    // How far the read circuit meters below a node bring its cars' high ends down: they draw no more than each meter shows.
    private double[] _meterBoundSubtreeA = [];

    // Per node and phase, Σ (high − low) of the cars below counted on phases nothing showed them drawing on (UnsurePhaseMask).
    private double[] _unsureReliefSubtreeA = [];

    // Per node and phase, Σ (high − low) of the cars below with a raise on its way (RaisedFromA), no read meter between.
    private double[] _riseUnseenSubtreeA = [];

    private double[] _staleDirectA = [];

    // Per node and phase, the cars' draw split by their chargers' untaken share: what a cut may not free, and what it surely frees.
    private double[] _untakenDrawSubtreeA = [];
    private double[] _sureDrawSubtreeA = [];
    // Per node and phase, the draw's low end of stale connectors whose charger still reports (DrawKnownWhileStale):
    // in the reading as well as counted at the most they may hold; taken out where the meter does not read over.
    private double[] _staleDrawnSubtreeA = [];

    // Per node and phase, Σ of the draw bands (high − low) of connectors below whose limit changed lately:
    // what may be cars answering a change rather than load nobody controls.
    private double[] _youngBandSubtreeA = [];
    private double[] _staleSubtreeA = [];

    // Room kept for one car that stopped on its own to start again: per node phase, the most any of them
    // below it may start drawing up to its minimum (a maximum, not a sum: one at a time).
    private double[] _restartReserveA = [];

    // Per node phase, what the cars below it that stopped on their own still hold above their minimum (a sum: any of
    // them may start again up to its limit until the cut to its minimum is in force; docs/control-loop-sessions.md, Session 17).
    private double[] _restartHeldA = [];
    private double[] _childBaseA = [];
    private double[] _childBaseLowA = [];
    private int[] _nodePowerConstraint = [];
    private int[] _nodeImbalanceConstraint = [];
    private MeterState[] _meterState = [];

    // Per constraint.
    public double[] Capacity = [];
    public double[] ForcedSlack = [];

    /// <summary>Per constraint: its meter reads over the limit less the margin now — a real overload, not an estimate's.</summary>
    public bool[] MeasuredOver = [];

    /// <summary>
    /// Per constraint: how much of its base load may be cars answering their limits rather than load nobody
    /// controls (the base at its high end less the base at its low end).
    /// </summary>
    public double[] Unsure = [];
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

    private OrderKey[] _orderKeys = [];

    /// <summary>Sorts <paramref name="members"/> (connector indexes) into the order <paramref name="kind"/>.</summary>
    public void Sort(Span<int> members, ConnectorOrderKind kind)
    {
        Grow.ToAtLeast(ref _orderKeys, members.Length);
        ConnectorOrder.Sort(this, kind, members, _orderKeys);
    }

    public void Build(SiteSnapshot snapshot, Span<ConnectorMemory> memory, Span<NodeMemory> nodeMemory)
    {
        var connectors = snapshot.Connectors;
        var nodes = snapshot.Nodes;
        Resize(connectors.Length, nodes.Length);
        Array.Clear(_drawSubtreeA, 0, NodeCount * 3);
        Array.Clear(_drawHighSubtreeA, 0, NodeCount * 3);
        Array.Clear(_drawTakenHighSubtreeA, 0, NodeCount * 3);
        Array.Clear(_unsureReliefSubtreeA, 0, NodeCount * 3);
        Array.Clear(_meterBoundSubtreeA, 0, NodeCount * 3);
        Array.Clear(_riseUnseenSubtreeA, 0, NodeCount * 3);
        Array.Clear(_riseReadSubtreeA, 0, NodeCount * 3);
        Array.Clear(_idlePhaseCreditSubtreeA, 0, NodeCount * 3);
        _stepReserveOn = StepReserveOn(snapshot.Settings);
        if (_stepReserveOn)
        {
            Array.Clear(_untakenDrawSubtreeA, 0, NodeCount * 3);
            Array.Clear(_sureDrawSubtreeA, 0, NodeCount * 3);
        }

        Array.Clear(_youngBandSubtreeA, 0, NodeCount * 3);
        ResizeYoungStarts(NodeCount);
        Array.Clear(_staleDirectA, 0, NodeCount * 3);
        Array.Clear(_staleDrawnSubtreeA, 0, NodeCount * 3);
        Array.Clear(_restartReserveA, 0, NodeCount * 3);
        Array.Clear(_restartHeldA, 0, NodeCount * 3);
        Array.Clear(_childBaseA, 0, NodeCount * 3);
        Array.Clear(_childBaseLowA, 0, NodeCount * 3);
        for (var k = 0; k < NodeCount; k++)
        {
            NodeParent[k] = nodes[k].ParentIndex;
            var meter = nodes[k].Meter;
            _meterState[k] = meter is null ? MeterState.None
                : meter.IsStale || snapshot.Time - meter.Timestamp > snapshot.Settings.MeasurementMaxAge ? MeterState.Stale
                : MeterState.Fresh;
        }

        DecreaseUnconfirmed = false;
        var untaken = UntakenHedge.Of(connectors);
        for (var i = 0; i < ConnectorCount; i++)
        {
            Classify(i, connectors[i], ref memory[i], snapshot, nodeMemory);
            DecreaseUnconfirmedAt[i] = connectors[i].DecreaseUnconfirmed;
            LimitStalledAt[i] = connectors[i].LimitQueued || connectors[i].LimitOverdue;
            OfflineAt[i] = connectors[i].Offline;
            UntakenShareAt[i] = untaken.Share(connectors[i].LimitsAnswered, connectors[i].LimitsNotTaken);
            DecreaseUnconfirmed |= connectors[i].DecreaseUnconfirmed;
        }

        FitStaleOffers(snapshot);
        ComputeBaseLoads(snapshot, nodeMemory);
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
        Grow.ToAtLeast(ref TurnOver, connectorCount);
        Grow.ToAtLeast(ref HeldPaused, connectorCount);
        Grow.ToAtLeast(ref Probing, connectorCount);
        Grow.ToAtLeast(ref AdmissionPaused, connectorCount);
        Grow.ToAtLeast(ref X, connectorCount);
        Grow.ToAtLeast(ref PauseReason, connectorCount);
        Grow.ToAtLeast(ref Binding, connectorCount);
        Grow.ToAtLeast(ref Priority, connectorCount);
        Grow.ToAtLeast(ref SessionEnergyWh, connectorCount);
        Grow.ToAtLeast(ref SessionStartTicks, connectorCount);
        Grow.ToAtLeast(ref SlackS, connectorCount);
        Grow.ToAtLeast(ref LastLimitA, connectorCount);
        Grow.ToAtLeast(ref CommittedA, connectorCount);
        Grow.ToAtLeast(ref DecreaseUnconfirmedAt, connectorCount);
        Grow.ToAtLeast(ref OfflineAt, connectorCount);
        Grow.ToAtLeast(ref LimitStalledAt, connectorCount);
        Grow.ToAtLeast(ref UntakenShareAt, connectorCount);
        Grow.ToAtLeast(ref Waiting, connectorCount);
        Grow.ToAtLeast(ref PausedForHedge, connectorCount);
        Grow.ToAtLeast(ref ReclaimHeld, connectorCount);
        Grow.ToAtLeast(ref ReclaimHeldLongEnough, connectorCount);
        Grow.ToAtLeast(ref Settled, connectorCount);
        Grow.ToAtLeast(ref RaisedFromA, connectorCount);
        Grow.ToAtLeast(ref RaiseReadNotTaken, connectorCount);
        Grow.ToAtLeast(ref CarStart, connectorCount + 1);
        Grow.ToAtLeast(ref NodeParent, nodeCount);
        Grow.ToAtLeast(ref BaseA, nodeCount * 3);
        Grow.ToAtLeast(ref BaseLowA, nodeCount * 3);
        Grow.ToAtLeast(ref _unsureA, nodeCount * 3);
        Grow.ToAtLeast(ref _youngBandSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _drawSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _drawHighSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _drawTakenHighSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _unsureReliefSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _meterBoundSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _riseUnseenSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _riseReadSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _idlePhaseCreditSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _untakenDrawSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _sureDrawSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _staleDirectA, nodeCount * 3);
        Grow.ToAtLeast(ref _staleSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _staleDrawnSubtreeA, nodeCount * 3);
        Grow.ToAtLeast(ref _restartReserveA, nodeCount * 3);
        Grow.ToAtLeast(ref _restartHeldA, nodeCount * 3);
        Grow.ToAtLeast(ref _childBaseA, nodeCount * 3);
        Grow.ToAtLeast(ref _childBaseLowA, nodeCount * 3);
        Grow.ToAtLeast(ref _nodePowerConstraint, nodeCount);
        Grow.ToAtLeast(ref _nodeImbalanceConstraint, nodeCount);
        Grow.ToAtLeast(ref _meterState, nodeCount);
    }

    private void Classify(int i, ConnectorInput connector, ref ConnectorMemory memory, SiteSnapshot snapshot, ReadOnlySpan<NodeMemory> nodeMemory)
    {
        var settings = snapshot.Settings;
        var now = snapshot.Time;
        var wiredMask = connector.WiredPhases == 1 ? 0b001 : 0b111;
        Participates[i] = false;
        X[i] = 0;
        HeldRunning[i] = false;
        TurnOver[i] = false;
        HeldPaused[i] = false;
        Probing[i] = false;
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
        LastLimitA[i] = connector.LastLimitA;
        CommittedA[i] = Math.Max(connector.CommittedA ?? connector.LastLimitA, connector.LastLimitA);
        Waiting[i] = false;
        PausedForHedge[i] = false;
        ReclaimHeld[i] = false;
        ReclaimHeldLongEnough[i] = memory.ReclaimHeldSince != default && now - memory.ReclaimHeldSince >= (settings.ChangeSettleTime ?? TimeSpan.Zero);
        RaisedFromA[i] = 0;
        RaiseReadNotTaken[i] = false;
        Settled[i] = settings.ChangeSettleTime is not { } settle || now - connector.LastLimitAt >= settle;
        memory.OfferedSince = connector.LastLimitA >= LowA[i] && connector.LastLimitA > 0 ? memory.OfferedSince ?? connector.LastLimitAt : null;

        var stale = connector.IsStale || now - connector.MeasuredAt > settings.ConnectorDataMaxAge;
        if (snapshot.Constraints.EmergencyStop)
        {
            FixedReason[i] = AllocationReason.EmergencyStop;
        }
        else if (stale)
        {
            // Unknown is conservative: counted at the larger of the most it may hold (its last limit, or
            // one committed) and its failsafe, on every wired phase — or, stale a moment, on its car's (StalePhases).
            var countedA = Math.Max(CommittedA[i], connector.FailsafeCurrentA);
            GridMask[i] = PhaseDetector.ToGridMask(StalePhaseMask(memory, wiredMask, settings, now), connector.Rotation);
            AddPerPhase(_staleDirectA, connector.CircuitIndex, GridMask[i], countedA);

            // Whether the limits in force must come down is judged with it at the most it may be drawing
            // now, so the meter's share of it is taken out there: counted once, not twice.
            AddPerPhase(_drawHighSubtreeA, connector.CircuitIndex, GridMask[i], countedA);
            AddPerPhase(_drawTakenHighSubtreeA, connector.CircuitIndex, GridMask[i], countedA);
            if (connector.DrawKnownWhileStale && now - connector.MeasuredAt <= settings.ConnectorDataMaxAge)
            {
                AddStaleDrawn(connector, countedA, GridMask[i]);
            }

            var offerA = Math.Min(countedA, connector.MaxCurrentA);
            if (snapshot.Constraints.PerChargerCapKw is { } capKw)
            {
                offerA = Math.Min(offerA, capKw * 1000 / (settings.NominalVoltageV * connector.WiredPhases));
            }

            // Offered no more than its failsafe and never more than it was last sent: what it may hold is
            // counted, what it is sent is safe whenever it answers again — a paused car stays paused
            // through a missed read.
            // Its charger refusing 0 A, a 0 it refused is followed by its minimum, a limit it did not take by a 0: a charger that
            // refuses every limit is still paused each other cycle, so the stop after refusals can judge it (Session 22). The
            // minimum only within its failsafe and the per-charger cap, as any offer to a stale connector.
            var holdWithinA = Steps.Down(Math.Min(offerA, Math.Max(connector.FailsafeCurrentA, 0)), connector.StepA);
            // A missed read a moment ago: its last limit stands (it is counted at the most it may hold either way).
            var keepsLimit = !connector.RefusesPauses && KeepsLimitThroughMissedRead(connector, GridMask[i], snapshot);
            offerA = Steps.Down(Math.Min(keepsLimit ? offerA : Math.Min(offerA, Math.Max(connector.FailsafeCurrentA, 0)), connector.LastLimitA), connector.StepA);
            FixedLimitA[i] = connector.RefusesPauses
                ? (connector.LastLimitA > 0 ? 0 : HoldA(connector, i, Math.Min(countedA, holdWithinA)))
                : offerA >= LowA[i] && offerA > 0 ? offerA : 0;
            FixedReason[i] = AllocationReason.StaleData;
        }
        else if (connector.Activity is ConnectorActivity.Available or ConnectorActivity.Faulted or ConnectorActivity.Unavailable)
        {
            FixedReason[i] = connector.Activity == ConnectorActivity.Available ? AllocationReason.NoVehicle : AllocationReason.Unavailable;

            // Held at 0, and counted at what it may still draw: a limit it holds until the 0 has
            // taken effect (a car leaving, a state that may hide a car) — in every circuit, metered or
            // not. Without a committed limit (offline replays) its draw simply stays in the meters.
            if (connector.CommittedA is null)
            {
                return;
            }

            var measured = connector.MeasuredCurrentA;
            var measuredHigh = connector.MeasuredCurrentHighA ?? measured;
            var countedA = Math.Max(CommittedA[i], Math.Max(measured.MaxA, measuredHigh.MaxA));
            AddDraw(connector, measured, measuredHigh, snapshot, raising: false, readNotTaken: null);

            AddPerPhase(_staleDirectA, connector.CircuitIndex, GridMask[i], countedA);
            FixedLimitA[i] = HoldA(connector, i, countedA);
        }
        else
        {
            var carMask = PhaseDetector.Update(ref memory, connector, settings, now);
            memory.FreshAt = now;
            GridMask[i] = PhaseDetector.ToGridMask(carMask, connector.Rotation);
            PhaseCount[i] = System.Numerics.BitOperations.PopCount((uint)carMask);
            HighA[i] = OfferBounds.Upper(ref memory, connector, snapshot, PhaseCount[i], LowA[i], out HighReason[i]);
            FixedReason[i] = HighReason[i];
            Participates[i] = HighA[i] >= LowA[i] && HighA[i] > 0;
            TurnOver[i] = !memory.Running || now - memory.RunningChangedAt >= settings.TurnTime;

            // In the live loop a running car keeps its place for its whole turn, not only the minimum run
            // time: the pause the strategy would give it is held at its minimum anyway (docs/control-loop.md,
            // "Taking turns"), and planned as paused, the room it holds went to nobody.
            var keepsPlaceFor = settings.ChangeBandA is null ? settings.MinRunTime : TimeSpanMax(settings.MinRunTime, settings.TurnTime);
            HeldRunning[i] = memory.Running && now - memory.RunningChangedAt < keepsPlaceFor;
            HeldPaused[i] = memory.PausedByBalancer && !memory.PausedOnUnsureBase && now - memory.RunningChangedAt < settings.MinPauseTime;

            // What it draws now is in the meters; it is taken out there and replaced by what it is allocated.
            var measured = connector.MeasuredCurrentA;
            var measuredHigh = connector.MeasuredCurrentHighA ?? measured;
            RaisedFromA[i] = RaiseOnItsWay(connector, measured, measuredHigh, snapshot) ? measured.MaxA : 0;
            var readNotTaken = RaisedFromA[i] > 0 ? ReadNotTaken(connector, snapshot) : null;
            RaiseReadNotTaken[i] = readNotTaken is not null;
            RaisedFromA[i] = readNotTaken is { } readA ? Math.Max(RaisedFromA[i], Math.Min(readA.MaxA, connector.LastLimitA)) : RaisedFromA[i];
            AddDraw(connector, measured, measuredHigh, snapshot, RaisedFromA[i] > 0, readNotTaken);
            if (IsYoungStart(connector, memory, measured, measuredHigh, snapshot))
            {
                AddYoungStart(connector, measured, measuredHigh, StartAnswered(connector, snapshot));
            }
            else if (IsCutInFlight(connector, measured, measuredHigh, snapshot))
            {
                AddYoungStart(connector, measured, measuredHigh, answered: true);
            }

            AddIdlePhaseCredit(i, connector, carMask, measured, measuredHigh, settings);

            var pausedFull = KeepsFullPause(i, connector, ref memory, measuredHigh, settings, now, wiredMask, nodeMemory);
            if (Participates[i] && pausedFull)
            {
                HoldPausedFull(i, connector, measuredHigh, wiredMask, settings);
            }
            else if (Participates[i] && StoppedOnItsOwn(connector, measuredHigh, settings, memory.OfferedSince))
            {
                // Judged again after a probe: it did not start.
                memory.ProbeRun |= memory.Probing;
                memory.Probing = false;
                memory.ProbeTakesTurn = false;
                Probing[i] = false;
                if (PausesFull(i, connector, memory, settings, now, wiredMask, nodeMemory))
                {
                    memory.PausedFullAt = now;
                    memory.ProbeRun = false;
                    HoldPausedFull(i, connector, measuredHigh, wiredMask, settings);
                }
                else
                {
                    HoldAtMinimum(i, connector, measuredHigh, wiredMask, settings);
                }
            }
            else if (!Participates[i])
            {
                // Given nothing (a bound of 0), yet it may still draw what it held until the car has
                // answered: counted there, like an idle connector, never as gone at once.
                AddPerPhase(_staleDirectA, connector.CircuitIndex, GridMask[i], Math.Max(CommittedA[i], measuredHigh.MaxA));
            }
        }
    }

    private static TimeSpan TimeSpanMax(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // A free or stale connector is held where a newly plugged car cannot draw before the loop knows: 0 A, or what it is allowed
    // (issue 13 property 11). Its charger refusing 0 A, it is held at its minimum, which it takes, where it is already counted at
    // least that: a 0 resent each cycle is refused each cycle and leaves it stale at its failsafe, or at a limit it held before
    // the loop's first, for good (docs/control-loop-sessions.md, Session 22, "A charger that refuses 0 A").
    private double HoldA(ConnectorInput connector, int i, double countedA) =>
        connector.RefusesPauses && LowA[i] > 0 && countedA >= LowA[i] ? LowA[i] : 0;

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

    // A controlled connector's draw, taken out of the meters above it: at its low end (the load nobody
    // controls comes out large, the safe side for new limits) and its high end (whether limits in force
    // must come down).
    private void AddDraw(ConnectorInput connector, PhaseCurrents measured, PhaseCurrents measuredHigh, SiteSnapshot snapshot, bool raising, PhaseCurrents? readNotTaken)
    {
        // A band whose limit changed within two settle times is a car answering it; an older one (a charger
        // that never confirmed) is not, and counts as load nobody controls like any other caution.
        var young = snapshot.Settings.ChangeSettleTime is { } settle && snapshot.Time - connector.LastLimitAt < settle * 2;
        var stepShare = _stepReserveOn ? StepUntakenShare(connector) : 0;
        for (var k = 0; k < connector.WiredPhases; k++)
        {
            var at = (connector.CircuitIndex * 3) + connector.Rotation.GridPhase(k);
            var highA = Math.Max(measured[k], measuredHigh[k]);
            _drawSubtreeA[at] += measured[k];
            _drawHighSubtreeA[at] += highA;
            _drawTakenHighSubtreeA[at] += TakenHigh(connector, measured[k], highA);
            if ((connector.UnsurePhaseMask & (1 << k)) != 0)
            {
                _unsureReliefSubtreeA[at] += highA - measured[k];
            }
            if (_stepReserveOn)
            {
                _untakenDrawSubtreeA[at] += stepShare * highA;
                _sureDrawSubtreeA[at] += (1 - stepShare) * measured[k];
            }

            if (young)
            {
                _youngBandSubtreeA[at] += highA - measured[k];
            }

            if (readNotTaken is { } readA)
            {
                _riseReadSubtreeA[at] += RiseReadA(measured[k], readA[k], highA);
            }
            else if (raising)
            {
                _riseUnseenSubtreeA[at] += highA - measured[k];
            }
        }
    }

    // A raise on its way, not yet seen taken: its newest limit, sent within two settle times, is the most the car may draw, and
    // the car drew before. A start (from nothing) is not one: its charger's reports, every 10–60 s, may not show the car
    // drawing yet, and taken for load nobody controls it had every car cut (docs/control-loop-sessions.md, Session 16).
    private static bool RaiseOnItsWay(ConnectorInput connector, PhaseCurrents measured, PhaseCurrents measuredHigh, SiteSnapshot snapshot) =>
        snapshot.Settings.ChangeSettleTime is { } settle
        && snapshot.Time - connector.LastLimitAt < settle * 2
        && !connector.DecreaseUnconfirmed
        && measuredHigh.MaxA <= connector.LastLimitA + 1e-9
        && measured.MaxA >= snapshot.Settings.PhaseIdleA
        && measured.MaxA < measuredHigh.MaxA - 1e-9;

    // A stale connector's reported draw at its low end (never more than it is counted at), to be taken out of the
    // readings above it where they do not read over — on the grid phases it is counted on alone (gridMask): taken out
    // of a phase it is not counted on, that phase's base came out lower by it.
    private void AddStaleDrawn(ConnectorInput connector, double countedA, int gridMask)
    {
        for (var k = 0; k < connector.WiredPhases; k++)
        {
            var phase = connector.Rotation.GridPhase(k);
            if ((gridMask & (1 << phase)) != 0)
            {
                _staleDrawnSubtreeA[(connector.CircuitIndex * 3) + phase] += Math.Clamp(connector.MeasuredCurrentA[k], 0, countedA);
            }
        }
    }

    // A car's high end, but no more than its last limit (or its reading) once its charger confirmed a decrease to it.
    private static double TakenHigh(ConnectorInput connector, double measuredA, double highA) =>
        connector.DecreaseUnconfirmed ? highA : Math.Min(highA, Math.Max(connector.LastLimitA, measuredA));

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

    private void ComputeBaseLoads(SiteSnapshot snapshot, Span<NodeMemory> nodeMemory)
    {
        Array.Copy(_staleDirectA, _staleSubtreeA, NodeCount * 3);
        for (var k = NodeCount - 1; k >= 0; k--)
        {
            var parent = NodeParent[k];
            var meterState = _meterState[k];
            var meterA = meterState == MeterState.Fresh ? snapshot.Nodes[k].Meter!.CurrentA : default;
            ref var remembered = ref nodeMemory[k];
            remembered.Seen |= meterState == MeterState.Fresh;
            for (var p = 0; p < 3; p++)
            {
                var at = (k * 3) + p;

                // Load the balancer does not set here: what the meter sees minus what the controlled
                // connectors below draw, plus the stale connectors at their counted current (their real
                // draw is unknown and stays in the reading: unknown is conservative); never less than
                // what the nodes below already account for.
                var baseA = _childBaseA[at] + _staleDirectA[at];
                var baseLowA = _childBaseLowA[at] + _staleDirectA[at];
                if (meterState == MeterState.Fresh)
                {
                    var uncontrolledA = meterA[p] - _drawSubtreeA[at];
                    remembered.RaisePeak(p, uncontrolledA);

                    // A stale connector whose charger still reports (it refused its cut), or whose fresh reading is a moment old (a
                    // missed read, Session 45), is counted at the most it may
                    // hold; its real draw is taken out of the reading too, or it counts twice and the base jumps by it
                    // (the e2e run's refusing charger: 7–18 → 38–47 A). Where the meter reads over its limit less the
                    // margin, it is left in: the double count is caution while cuts are on their way (docs/control-loop-sessions.md,
                    // Session 14, "A refusing charger counted twice").
                    var measuredOver = meterA[p] > snapshot.Nodes[k].MaxCurrentA[p] - snapshot.Settings.SafetyMarginA;
                    var staleDrawnA = measuredOver ? 0 : _staleDrawnSubtreeA[at];
                    baseA = Math.Max(baseA, uncontrolledA - staleDrawnA + _staleSubtreeA[at]);

                    // The same with each car at the most it may be drawing: the least the load nobody
                    // controls can be (it decides whether limits in force must come down now).
                    // Where the meter reads over its limit, a car whose lower limit its charger confirmed is counted at
                    // no more than that limit: counted at its older, higher one, the decrease it took (already in the
                    // reading) would be counted twice — once as load gone from the base, once in its new limit — and
                    // limits in force judged fine while the circuit stays over (site bench seed 7). Only with LearnCarPhases.
                    var over = snapshot.Settings.LearnCarPhases && measuredOver;
                    var highA = over ? _drawTakenHighSubtreeA[at] : _drawHighSubtreeA[at];

                    // Where it reads over, the cars behind read circuit meters count at no more than those show: a raise
                    // on its way counted at its high end made a step's overload pass for the raise, and the cut the
                    // overload needed waited for the car (docs/control-loop-sessions.md, Session 15, "Seeds 17, 18, 19 at 5 s").
                    highA = measuredOver ? Math.Min(highA, _drawHighSubtreeA[at] - _meterBoundSubtreeA[at]) : highA;

                    // And a car counted on a phase nothing showed it drawing on (a charger that reports one current without a phase)
                    // at its band's low end there: the fall its cut promises may never come on that phase. Counted at its high end,
                    // a cut of a one-phase car passed for relief on two phases it never loaded, and after a step the cars stayed 4–6 A
                    // over the fuse until its response time was out (docs/control-loop-sessions.md, Session 35). Where the meter is not over,
                    // the high end stands: cutting for what may be a car still answering is what fed the cascades.
                    highA = measuredOver ? Math.Min(highA, _drawHighSubtreeA[at] - _unsureReliefSubtreeA[at]) : highA;

                    // And the raises on their way count at what their cars drew before: counted at their new limits, a step in
                    // the cycle that raised them looked smaller by the raises still to come, and the cut it needed came a dead
                    // time late (the planner takes these raises back first; docs/control-loop-sessions.md, Session 17, "The first cut after a step").
                    // Where a car's own reading shows its raise not taken, also where the meter does not read over (Session 23).
                    highA = HighWithRisesAtOldDraw(at, highA, measuredOver);
                    baseLowA = Math.Max(baseLowA, meterA[p] - highA + _staleSubtreeA[at]);
                }
                else if (meterState == MeterState.Stale && parent >= 0)
                {
                    // A silent sub-meter: the load nobody controls there is taken at the highest seen
                    // while it answered; never seen, at the node's whole limit (nothing more below it).
                    var assumedA = remembered.Seen ? remembered.PeakUncontrolledA[p] : snapshot.Nodes[k].MaxCurrentA[p];
                    baseA = Math.Max(baseA, assumedA + _staleSubtreeA[at]);
                    baseLowA = baseA;
                }
                else if (meterState == MeterState.Stale)
                {
                    baseLowA = baseA;
                }

                BaseA[at] = baseA;
                BaseLowA[at] = Math.Min(baseLowA, baseA);
                _unsureA[at] = Math.Min(baseA - BaseLowA[at], _youngBandSubtreeA[at]);
                SetStartCredit(at, p, remembered.Bases);
                if (parent >= 0)
                {
                    _childBaseA[(parent * 3) + p] += baseA;
                    _childBaseLowA[(parent * 3) + p] += BaseLowA[at];
                    _drawSubtreeA[(parent * 3) + p] += _drawSubtreeA[at];
                    _drawHighSubtreeA[(parent * 3) + p] += _drawHighSubtreeA[at];
                    _drawTakenHighSubtreeA[(parent * 3) + p] += _drawTakenHighSubtreeA[at];
                    _unsureReliefSubtreeA[(parent * 3) + p] += _unsureReliefSubtreeA[at];
                    _meterBoundSubtreeA[(parent * 3) + p] += MeterBound(meterState == MeterState.Fresh ? meterA[p] : null, at);
                    _riseUnseenSubtreeA[(parent * 3) + p] += meterState == MeterState.Fresh ? 0 : _riseUnseenSubtreeA[at];
                    _riseReadSubtreeA[(parent * 3) + p] += _riseReadSubtreeA[at];
                    _idlePhaseCreditSubtreeA[(parent * 3) + p] += _idlePhaseCreditSubtreeA[at];
                    if (_stepReserveOn)
                    {
                        _untakenDrawSubtreeA[(parent * 3) + p] += _untakenDrawSubtreeA[at];
                        _sureDrawSubtreeA[(parent * 3) + p] += _sureDrawSubtreeA[at];
                    }

                    _youngBandSubtreeA[(parent * 3) + p] += _youngBandSubtreeA[at];
                    PassYoungStartsUp(at, (parent * 3) + p);
                    _staleSubtreeA[(parent * 3) + p] += _staleSubtreeA[at];
                    _staleDrawnSubtreeA[(parent * 3) + p] += _staleDrawnSubtreeA[at];
                    ref var parentReserveA = ref _restartReserveA[(parent * 3) + p];
                    parentReserveA = Math.Max(parentReserveA, _restartReserveA[at]);
                    _restartHeldA[(parent * 3) + p] += _restartHeldA[at];
                }
            }

            (remembered.Bases ??= new BaseHistory()).Add(
                snapshot.Time, new PhaseCurrents(BaseA[k * 3], BaseA[(k * 3) + 1], BaseA[(k * 3) + 2]), meterState != MeterState.Stale, BaseHistoryKept(snapshot.Settings));
        }
    }

    // As far back as a start or cut is credited: a young start's two settle times, a cut's response time.
    private static TimeSpan BaseHistoryKept(BalancerSettings settings)
    {
        var settleTwice = (settings.ChangeSettleTime ?? TimeSpan.Zero) * 2;
        var response = settings.VehicleResponseTime ?? TimeSpan.Zero;
        return settleTwice > response ? settleTwice : response;
    }

    // How far node 'at''s meter, with its reading, brings the high end of the cars below it down, on top of the meters
    // below it: they draw no more than it reads over the least load nobody controls there (never less than their low
    // end); the stale connectors among them stay at their counted current.
    private double MeterBound(double? readingA, int at)
    {
        var highA = _drawHighSubtreeA[at] - _meterBoundSubtreeA[at];
        var staleA = _staleSubtreeA[at];
        var atMostA = readingA is { } r ? Math.Max(_drawSubtreeA[at], r - (BaseLowA[at] - staleA)) + staleA : highA;
        return _drawHighSubtreeA[at] - Math.Min(highA, atMostA);
    }

    /// <summary>Sets connector <paramref name="i"/>'s allocation and keeps every constraint's load in step.</summary>
    public void SetX(int i, double value)
    {
        var delta = value - X[i];
        X[i] = value;
        for (var e = CarStart[i]; e < CarStart[i + 1]; e++)
        {
            Load[CarConstraint[e]] += CarCoefficient[e] * delta;
        }
    }

    /// <summary>How much more connector <paramref name="i"/> could get: up to its upper bound and within every constraint.</summary>
    public double Room(int i)
    {
        var roomA = HighA[i] - X[i];
        for (var e = CarStart[i]; e < CarStart[i + 1]; e++)
        {
            var coefficient = CarCoefficient[e];
            if (coefficient > 0)
            {
                var j = CarConstraint[e];
                roomA = Math.Min(roomA, (Capacity[j] - Load[j]) / coefficient);
            }
        }

        return roomA;
    }
}
