namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// The cars of a <see cref="PhaseModel"/> replay on their chargers: one connector slot per station
/// (more when sessions overlap), cars that arrive and leave with the trace, follow their limits
/// after the lag and taper near full.
/// </summary>
internal sealed class SimulatedFleet
{
    private readonly IReadOnlyList<ChargingSession> _sessions;
    private readonly PhaseModel _model;
    private readonly int[] _slotOf;
    private readonly int[] _byArrival;
    private readonly int[] _occupant;
    private readonly double[] _drawA;
    private readonly double[] _lastLimitA;
    private readonly DateTimeOffset[] _lastLimitAt;
    private int _nextArrival;

    public SimulatedFleet(IReadOnlyList<ChargingSession> sessions, PhaseModel model)
    {
        _sessions = sessions;
        _model = model;
        RequestedKwh = sessions.Select(s => s.RequestedEnergyKwh).ToArray();
        RemainingKwh = (double[])RequestedKwh.Clone();
        _byArrival = Enumerable.Range(0, sessions.Count).OrderBy(i => sessions[i].ArrivalPeriod).ThenBy(i => i).ToArray();
        _slotOf = AssignSlots(sessions, _byArrival, out var slotCount);
        _occupant = Enumerable.Repeat(-1, slotCount).ToArray();
        _drawA = new double[slotCount];
        _lastLimitA = new double[slotCount];
        _lastLimitAt = new DateTimeOffset[slotCount];
        Connectors = new ConnectorInput[slotCount];
    }

    public double[] RequestedKwh { get; }

    public double[] RemainingKwh { get; }

    public ConnectorInput[] Connectors { get; }

    public double DrawnTotalA { get; private set; }

    public double WantedTotalA { get; private set; }

    /// <summary>Cars leave and arrive for <paramref name="period"/>; the connectors describe the site at <paramref name="now"/>.</summary>
    public void Advance(int period, DateTimeOffset now)
    {
        for (var slot = 0; slot < _occupant.Length; slot++)
        {
            if (_occupant[slot] >= 0 && _sessions[_occupant[slot]].DeparturePeriod <= period)
            {
                (_occupant[slot], _drawA[slot], _lastLimitA[slot]) = (-1, 0, 0);
            }
        }

        while (_nextArrival < _byArrival.Length && _sessions[_byArrival[_nextArrival]].ArrivalPeriod <= period)
        {
            var session = _byArrival[_nextArrival++];
            _occupant[_slotOf[session]] = session;
        }

        for (var slot = 0; slot < _occupant.Length; slot++)
        {
            Connectors[slot] = Describe(slot, now);
        }
    }

    public PhaseCurrents GridDraw(double baseA)
    {
        Span<double> perPhase = [baseA, baseA, baseA];
        AddDraws(perPhase, -1, _drawA);
        return new PhaseCurrents(perPhase[0], perPhase[1], perPhase[2]);
    }

    public double GridPeakA(double baseA) => GridDraw(baseA).MaxA;

    /// <summary>The cars take their new limits; returns the seconds during which any node phase was above its limit.</summary>
    public double Follow(AllocationResult result, double baseA, CircuitNode[] nodes, DateTimeOffset now)
    {
        var stepS = _model.Step.TotalSeconds;
        var lagS = Math.Min(_model.Lag.TotalSeconds, stepS);
        var targetA = new double[_occupant.Length];
        var (drawn, wanted) = (0.0, 0.0);
        for (var slot = 0; slot < _occupant.Length; slot++)
        {
            var session = _occupant[slot];
            if (session < 0)
            {
                continue;
            }

            var offerA = result.Connectors[slot].LimitA;
            if (offerA != _lastLimitA[slot])
            {
                (_lastLimitA[slot], _lastLimitAt[slot]) = (offerA, now);
            }

            var phases = PhasesOf(session);
            var acceptA = AcceptA(session, phases, stepS);
            targetA[slot] = Math.Min(offerA, acceptA);
            var energyKwh = ((_drawA[slot] * lagS) + (targetA[slot] * (stepS - lagS))) * _model.VoltageV * phases / 1000 / 3600;
            RemainingKwh[session] = Math.Max(0, RemainingKwh[session] - energyKwh);
            drawn += targetA[slot] * phases;
            wanted += acceptA * phases;
        }

        var overS = Over(nodes, baseA, _drawA) ? lagS : 0;
        overS += Over(nodes, baseA, targetA) ? stepS - lagS : 0;
        Array.Copy(targetA, _drawA, targetA.Length);
        (DrawnTotalA, WantedTotalA) = (drawn, wanted);
        return overS;
    }

    private ConnectorInput Describe(int slot, DateTimeOffset now)
    {
        var session = _occupant[slot];
        var id = "slot-" + slot;
        if (session < 0)
        {
            return new ConnectorInput { Id = id, CircuitIndex = 1 + (slot % 2), Rotation = PhaseModelSimulator.RotationOf(slot), MaxCurrentA = 32, MeasuredAt = now };
        }

        var trace = _sessions[session];
        var phases = PhasesOf(session);
        var drawA = _drawA[slot];
        return new ConnectorInput
        {
            Id = id,
            CircuitIndex = 1 + (slot % 2),
            Rotation = PhaseModelSimulator.RotationOf(slot),
            MaxCurrentA = 32,
            FailsafeCurrentA = 6,
            Activity = RemainingKwh[session] > 0.001 ? ConnectorActivity.Charging : ConnectorActivity.SuspendedByCar,
            MeasuredCurrentA = new PhaseCurrents(drawA, phases == 3 ? drawA : 0, phases == 3 ? drawA : 0),
            MeasuredAt = now,
            LastLimitA = _lastLimitA[slot],
            LastLimitAt = _lastLimitAt[slot],
            SessionStartedAt = TraceClock.At(trace.ArrivalPeriod, _model.TracePeriod),
            SessionEnergyWh = (trace.RequestedEnergyKwh - RemainingKwh[session]) * 1000,
            EnergyWantedWh = RemainingKwh[session] * 1000,
            DepartureAt = _model.DeparturesKnown ? TraceClock.At(trace.EstimatedDeparturePeriod, _model.TracePeriod) : null,
        };
    }

    // What the car takes: its maximum, less near full (taper), and no more than it still needs this step.
    private double AcceptA(int session, int phases, double stepS)
    {
        var maxA = phases == 3 ? 16 : Math.Min(32, _sessions[session].MaxPowerKw * 1000 / _model.VoltageV);
        var share = RequestedKwh[session] > 0 ? RemainingKwh[session] / RequestedKwh[session] : 0;
        var taper = share < _model.TaperBelowShare ? Math.Max(0.2, share / _model.TaperBelowShare) : 1;
        var needA = RemainingKwh[session] * 1000 * 3600 / (stepS * _model.VoltageV * phases);
        return Math.Min(maxA * taper, needA);
    }

    // Every third session (by a stable hash of its id) is a 3-phase car.
    private int PhasesOf(int session)
    {
        var hash = 17;
        foreach (var c in _sessions[session].SessionId)
        {
            hash = unchecked((hash * 31) + c);
        }

        return (hash & 0x7fffffff) % 3 == 0 ? 3 : 1;
    }

    private bool Over(CircuitNode[] nodes, double baseA, double[] drawA)
    {
        for (var k = 0; k < nodes.Length; k++)
        {
            Span<double> perPhase = [k == 0 ? baseA : 0, k == 0 ? baseA : 0, k == 0 ? baseA : 0];
            AddDraws(perPhase, k == 0 ? -1 : k, drawA);
            for (var p = 0; p < 3; p++)
            {
                if (perPhase[p] > nodes[k].MaxCurrentA[p] + 1e-6)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void AddDraws(Span<double> perPhase, int node, double[] drawA)
    {
        for (var slot = 0; slot < _occupant.Length; slot++)
        {
            if (_occupant[slot] < 0 || (node >= 0 && 1 + (slot % 2) != node))
            {
                continue;
            }

            var rotation = PhaseModelSimulator.RotationOf(slot);
            for (var k = 0; k < PhasesOf(_occupant[slot]); k++)
            {
                perPhase[rotation.GridPhase(k)] += drawA[slot];
            }
        }
    }

    private static int[] AssignSlots(IReadOnlyList<ChargingSession> sessions, int[] byArrival, out int slotCount)
    {
        var slotOf = new int[sessions.Count];
        var slotsOfStation = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var busyUntil = new List<int>();
        foreach (var i in byArrival)
        {
            if (!slotsOfStation.TryGetValue(sessions[i].StationId, out var slots))
            {
                slotsOfStation[sessions[i].StationId] = slots = [];
            }

            var free = slots.FirstOrDefault(s => busyUntil[s] <= sessions[i].ArrivalPeriod, -1);
            if (free < 0)
            {
                free = busyUntil.Count;
                busyUntil.Add(0);
                slots.Add(free);
            }

            busyUntil[free] = sessions[i].DeparturePeriod;
            slotOf[i] = free;
        }

        slotCount = busyUntil.Count;
        return slotOf;
    }
}
