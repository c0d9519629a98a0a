using ChargeNet.LoadBalancer;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// Where the capacity goes: the gap "could − drawn" of <see cref="CapacityScore"/> (as the issue words it),
/// each steady moment, split into <see cref="GapCause"/>s that add up to it, per <see cref="SteadyWindow"/>.
/// How the split is made: each car that wants current falls short by want − draw on each of its phases; the part
/// between its draw and what its charger offers (up to its want) is <see cref="GapCause.DeadTime"/>, the rest goes to
/// the cause the loop's last allocation gives for it (its reason, and whether its charger offers what it was given).
/// A car paused for room or held back by a circuit phase (the allocation's binding node and phase) is split further
/// by that phase's truth and the loop's view of it: under 1 A of its room undrawn, <see cref="GapCause.RoomFull"/>;
/// else in proportion to what held the room there — the load nobody controls planned above the truth, limits counted
/// on a phase their car does not use, limits above their cars' draw, the allocation's own headroom, the reserves —
/// each scaled down to the room undrawn when together they hold more, the rest <see cref="GapCause.HeldOther"/>.
/// Where a circuit's room, not the cars, bounds what could be
/// drawn, the shortfalls add up to more than the gap there (want − could more): that excess is taken off the
/// other causes in proportion, and off the dead time only when they do not cover it — circuit by circuit, from
/// the leaves to the grid, so a full sub-circuit's cars count only for what the grid could still have given them.
/// Cars drawing beyond the room (a negative gap) are <see cref="GapCause.BeyondRoom"/>.
/// </summary>
public sealed class CapacityLossScore
{
    private static readonly int Causes = Enum.GetValues<GapCause>().Length;

    private readonly ScoreContext _context;
    private readonly RecordingStrategy _loop;
    private readonly double[,,] _byNode;
    private readonly double[,] _wantA;
    private readonly double[] _couldAs = new double[3];
    private readonly double[,] _gapAs;
    private readonly double[] _split;

    // Per circuit phase, this moment: room not drawn, and what of it the loop's view held (see SplitRoom).
    private readonly double[,] _freeA;
    private readonly double[,] _baseOverA;
    private readonly double[,] _offPhaseA;
    private readonly double[,] _aboveDrawA;
    private readonly double[,] _headroomA;
    private readonly double[,] _waitingA;
    private readonly double[,] _reserveA;
    private readonly Dictionary<string, int> _nodeIndex;

    public CapacityLossScore(BuiltSite site, DateTimeOffset start, RecordingStrategy loop)
    {
        _context = ScoreContext.For(site, start);
        _loop = loop;
        _byNode = new double[site.Physics.Nodes.Count, 3, Causes];
        _wantA = new double[site.Physics.Nodes.Count, 3];
        _gapAs = new double[3, Causes];
        _split = new double[Causes];
        var nodes = site.Physics.Nodes.Count;
        _freeA = new double[nodes, 3];
        _baseOverA = new double[nodes, 3];
        _offPhaseA = new double[nodes, 3];
        _aboveDrawA = new double[nodes, 3];
        _headroomA = new double[nodes, 3];
        _waitingA = new double[nodes, 3];
        _reserveA = new double[nodes, 3];
        _nodeIndex = site.Physics.Nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
    }

    /// <summary>Per window: the gap's share of what could have been drawn, and each cause's (they add up to the gap).</summary>
    public IReadOnlyList<GapShares?> Shares() =>
        [.. Enumerable.Range(0, 3).Select(w => _couldAs[w] > 0
            ? new GapShares([.. Enumerable.Range(0, Causes).Select(k => _gapAs[w, k] / _couldAs[w])])
            : null)];

    public void Observe(DateTimeOffset now, TimeSpan dt)
    {
        if (!_context.IsSteady(now))
        {
            return;
        }

        var site = _context.Site;
        Array.Clear(_byNode);
        Array.Clear(_wantA);
        ViewOfRoom();
        foreach (var connector in site.Connectors)
        {
            if (connector.Car is { } car && car.WantA(now) is var wantA and > 0)
            {
                Charge(connector, car, wantA);
            }
        }

        var window = (int)_context.WindowOf(now);
        var seconds = dt.TotalSeconds;
        for (var node = site.Nodes.Count - 1; node >= 0; node--)
        {
            for (var p = 0; p < 3; p++)
            {
                var roomA = Math.Max(0, site.Nodes[node].LimitA - _context.MarginA - site.UncontrolledA(node, p));
                var couldA = Math.Min(roomA, _wantA[node, p]);
                Settle(node, p, couldA - site.CarsA(node, p));
                var parent = site.Nodes[node].Parent;
                for (var k = 0; k < Causes; k++)
                {
                    if (parent >= 0)
                    {
                        _byNode[parent, p, k] += _byNode[node, p, k];
                    }
                    else
                    {
                        _gapAs[window, k] += _byNode[node, p, k] * seconds;
                    }
                }

                if (parent >= 0)
                {
                    _wantA[parent, p] += couldA;
                }
                else
                {
                    _couldAs[window] += couldA * seconds;
                }
            }
        }
    }

    // One car's shortfall, on each grid phase it uses, at its circuit.
    private void Charge(SimConnector connector, SimCar car, double wantA)
    {
        var offeredA = connector.OfferedA;
        var deadA = offeredA >= SimCar.MinimumA ? Math.Max(0, Math.Min(offeredA, wantA) - car.DrawA) : 0;
        var restA = Math.Max(0, wantA - car.DrawA - deadA);
        Array.Clear(_split);
        _split[(int)GapCause.DeadTime] = deadA;
        if (restA > 0)
        {
            var recorded = _loop.Last(connector.ChargerId + "/" + connector.ConnectorId);
            var cause = CauseOf(recorded, offeredA);
            if (cause == GapCause.RoomFull)
            {
                SplitRoom(recorded!, restA);
            }
            else
            {
                _split[(int)cause] += restA;
            }
        }

        for (var i = 0; i < car.Phases; i++)
        {
            var p = connector.GridPhaseOf[i];
            _wantA[connector.CircuitNode, p] += wantA;
            for (var k = 0; k < Causes; k++)
            {
                _byNode[connector.CircuitNode, p, k] += _split[k];
            }
        }
    }

    // A car the loop paused or held back for a circuit phase's room: was that phase really full, and if not, what held its room
    // in the loop's view — in proportion to each, up to the room left undrawn there.
    private void SplitRoom(RecordedAllocation recorded, double restA)
    {
        var phase = recorded.Allocation.BindingPhase;
        if (recorded.BindingNodeId is not { } id || phase < 0 || !_nodeIndex.TryGetValue(id, out var node))
        {
            _split[(int)GapCause.NotHandedOut] += restA;
            return;
        }

        var freeA = _freeA[node, phase];
        if (freeA < 1)
        {
            _split[(int)GapCause.RoomFull] += restA;
            return;
        }

        // What the loop's view held of that room, each part in proportion to what it held; scaled down to the room
        // when together they held more, and what none of them explains is HeldOther.
        var besideWaitingA = Math.Min(_headroomA[node, phase], _waitingA[node, phase]);
        Span<double> heldA =
        [
            _baseOverA[node, phase], _offPhaseA[node, phase], _aboveDrawA[node, phase], _headroomA[node, phase] - besideWaitingA, besideWaitingA, _reserveA[node, phase],
        ];
        var sumA = 0.0;
        foreach (var a in heldA)
        {
            sumA += a;
        }

        var scale = sumA > freeA ? freeA / sumA : 1;
        ReadOnlySpan<GapCause> causes = [GapCause.BaseOverestimated, GapCause.HeldOffPhase, GapCause.HeldByLimits, GapCause.NotHandedOut, GapCause.HeadroomBesideWaiting, GapCause.Reserved];
        for (var c = 0; c < causes.Length; c++)
        {
            _split[(int)causes[c]] += restA * heldA[c] * scale / freeA;
        }

        _split[(int)GapCause.HeldOther] += restA * Math.Max(0, freeA - (sumA * scale)) / freeA;
    }

    // Per circuit phase: the room the cars left undrawn, how much more load nobody controls the loop planned around
    // than there was, and what connectors counted there held beyond their cars' draw — on a phase their car does not
    // use, or above its draw on one it does.
    private void ViewOfRoom()
    {
        var site = _context.Site;
        Array.Clear(_offPhaseA);
        Array.Clear(_aboveDrawA);
        Array.Clear(_reserveA);
        Array.Clear(_waitingA);
        for (var node = 0; node < site.Nodes.Count; node++)
        {
            var id = site.Nodes[node].Id;
            var planned = _loop.Uncontrolled(id);
            var headroom = _loop.Headroom(id);
            for (var p = 0; p < 3; p++)
            {
                var uncontrolledA = site.UncontrolledA(node, p);
                _freeA[node, p] = site.Nodes[node].LimitA - _context.MarginA - uncontrolledA - site.CarsA(node, p);
                _baseOverA[node, p] = planned is { } u ? Math.Max(0, u[p] - uncontrolledA) : 0;
                _headroomA[node, p] = headroom is { } h ? Math.Max(0, h[p]) : 0;
                _reserveA[node, p] = _loop.HalfBandA;
            }
        }

        foreach (var connector in site.Connectors)
        {
            if (_loop.Last(connector.ChargerId + "/" + connector.ConnectorId)?.Allocation is not { } allocation
                || (allocation.LimitA <= 0 && allocation.Reason != AllocationReason.WaitingForRoom))
            {
                continue;
            }

            for (var p = 0; p < 3; p++)
            {
                if (!allocation.UsesGridPhase(p))
                {
                    continue;
                }

                var onPhase = connector.Car is { } car && Enumerable.Range(0, car.Phases).Any(i => connector.GridPhaseOf[i] == p);
                var heldA = Math.Max(0, allocation.LimitA - (onPhase ? connector.Car!.DrawA : 0));
                var stopped = connector.Car is { Full: true } && allocation.Reason == AllocationReason.Reclaimed;
                var lacksA = allocation.Reason == AllocationReason.WaitingForRoom && connector.Car is { } waiting ? Math.Max(0, waiting.WantA(site.Now) - connector.OfferedA) : 0;
                for (var node = connector.CircuitNode; node >= 0; node = site.Nodes[node].Parent)
                {
                    if (stopped)
                    {
                        // A car stopped on its own is counted at its draw; room for one to start again is kept (a maximum).
                        _reserveA[node, p] = Math.Max(_reserveA[node, p], _loop.HalfBandA + allocation.LimitA - _context.MarginA);
                    }
                    else
                    {
                        (onPhase ? _aboveDrawA : _offPhaseA)[node, p] += heldA;
                    }

                    _waitingA[node, p] += lacksA;
                }
            }
        }
    }

    // Why the loop offered the car less than it wants, from its last allocation (RoomFull: bound by a circuit phase, split later).
    private static GapCause CauseOf(RecordedAllocation? recorded, double offeredA)
    {
        if (recorded?.Allocation is not { } allocation)
        {
            return GapCause.Other;
        }

        if (allocation.LimitA > offeredA + 0.5)
        {
            return GapCause.NotApplied;
        }

        var paused = offeredA < SimCar.MinimumA;
        return allocation.Reason switch
        {
            AllocationReason.StaleData => GapCause.Stale,
            AllocationReason.PausedHold when paused => GapCause.PausedHold,
            AllocationReason.WaitingForRoom => paused ? GapCause.StartWaiting : GapCause.RaiseWaiting,
            _ when paused => GapCause.RoomFull,
            AllocationReason.NodeCurrentLimit or AllocationReason.ShareOfCapacity or AllocationReason.NodePowerLimit or AllocationReason.PhaseImbalance => GapCause.RoomFull,
            AllocationReason.Reclaimed => GapCause.Reclaimed,
            _ => GapCause.Other,
        };
    }

    // Makes the causes at one circuit phase add up to its gap (could − the cars' draw there): the excess of the
    // shortfalls over it comes off the causes other than the dead time in proportion, then off the dead time.
    private void Settle(int node, int p, double gapA)
    {
        var dead = (int)GapCause.DeadTime;
        var beyond = (int)GapCause.BeyondRoom;
        var othersA = 0.0;
        for (var k = 0; k < Causes; k++)
        {
            if (k != dead && k != beyond)
            {
                othersA += _byNode[node, p, k];
            }
        }

        var excessA = othersA + _byNode[node, p, dead] + _byNode[node, p, beyond] - gapA;
        if (excessA <= 0)
        {
            // Only rounding: the shortfalls are never less than the gap.
            _byNode[node, p, (int)GapCause.Other] -= excessA;
            return;
        }

        var fromOthersA = Math.Min(excessA, othersA);
        for (var k = 0; k < Causes; k++)
        {
            if (k != dead && k != beyond && othersA > 0)
            {
                _byNode[node, p, k] *= 1 - (fromOthersA / othersA);
            }
        }

        var fromDeadA = Math.Min(excessA - fromOthersA, _byNode[node, p, dead]);
        _byNode[node, p, dead] -= fromDeadA;

        // What is left of the excess: the cars drew beyond the room here.
        _byNode[node, p, beyond] -= excessA - fromOthersA - fromDeadA;
    }
}

/// <summary>Shares of what could have been drawn, by <see cref="GapCause"/>; their sum is the gap's share.</summary>
public sealed record GapShares(IReadOnlyList<double> ByCause)
{
    public double Gap => ByCause.Sum();
}
