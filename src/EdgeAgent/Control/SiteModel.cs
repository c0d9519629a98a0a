using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The site configuration turned into what the balancer needs: a circuit tree with the grid
/// connection at index 0 and parents before children, and one entry per connector. Built once per
/// configuration revision; each cycle only fills in the measurements.
/// </summary>
internal sealed class SiteModel
{
    // A report this recent of a car drawing at least this much means the meters above it must see current flow. The
    // age spans an OCPP charger's 10 s MeterValues interval; a car that stopped since its report makes an idle,
    // unmoving meter count as unknown for at most that long, and unknown is the safe side.
    private static readonly TimeSpan DrawReportMaxAge = TimeSpan.FromSeconds(15);
    private const double ReportedDrawA = 1.0;

    private readonly CircuitNode[] _nodes;
    private readonly string?[] _meterOfNode;
    private readonly ChargerSettings[] _chargerOf;
    private readonly int[] _circuitIndexOf;
    private readonly PhaseRotation[] _rotationOf;
    private readonly string[] _inputIdOf;
    private readonly Dictionary<(string Charger, int Connector), int> _indexOf;
    private readonly Dictionary<string, int[]> _indexesOfCharger;

    private SiteModel(AppliedConfiguration applied, CircuitNode[] nodes, string?[] meterOfNode, List<ConnectorRuntime> connectors, List<ChargerSettings> chargerOf, List<int> circuitOf, List<PhaseRotation> rotations)
    {
        Applied = applied;
        _nodes = nodes;
        _meterOfNode = meterOfNode;
        Connectors = connectors;
        _chargerOf = [.. chargerOf];
        _circuitIndexOf = [.. circuitOf];
        _rotationOf = [.. rotations];
        _inputIdOf = [.. connectors.Select(c => c.ChargerId + "/" + c.ConnectorId)];
        _indexOf = connectors.Select((c, i) => (Key: (c.ChargerId, c.ConnectorId), i)).ToDictionary(p => p.Key, p => p.i);
        _indexesOfCharger = Enumerable.Range(0, connectors.Count)
            .GroupBy(i => connectors[i].ChargerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public AppliedConfiguration Applied { get; }

    public SiteConfiguration Site => Applied.Site;

    public IReadOnlyList<ConnectorRuntime> Connectors { get; }

    public PhaseRotation RotationOf(int connector) => _rotationOf[connector];

    public ChargerSettings ChargerOf(int connector) => _chargerOf[connector];

    /// <summary>The indexes of a charger's connectors in <see cref="Connectors"/>.</summary>
    public IReadOnlyList<int> IndexesOf(string chargerId) => _indexesOfCharger.TryGetValue(chargerId, out var indexes) ? indexes : [];

    /// <summary>The index of a connector in <see cref="Connectors"/>, or null when the configuration has no such connector.</summary>
    public int? IndexOf(string chargerId, int connectorId) => _indexOf.TryGetValue((chargerId, connectorId), out var index) ? index : null;

    /// <summary>Builds the model, carrying over what <paramref name="previous"/> knew of connectors that remain.</summary>
    public static SiteModel Build(AppliedConfiguration applied, SiteModel? previous)
    {
        var site = applied.Site;
        var order = TopologicalOrder(site.Circuits);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new CircuitNode[order.Count + 1];
        var meterOfNode = new string?[order.Count + 1];
        nodes[0] = new CircuitNode
        {
            Id = "grid",
            MaxCurrentA = PhaseCurrents.All(site.Grid.MaxCurrentA),
            MaxImbalanceA = site.Grid.MaxImbalanceA,
        };
        for (var i = 0; i < order.Count; i++)
        {
            var circuit = order[i];
            index[circuit.Id] = i + 1;
            meterOfNode[i + 1] = circuit.Meter;
            nodes[i + 1] = new CircuitNode
            {
                Id = circuit.Id,
                ParentIndex = circuit.Parent is { } parent ? index[parent] : 0,
                MaxCurrentA = PhaseCurrents.All(circuit.MaxCurrentA),
                MaxPowerKw = circuit.MaxPowerKw,
            };
        }

        var old = previous?.Connectors.ToDictionary(c => (c.ChargerId, c.ConnectorId)) ?? [];
        var connectors = new List<ConnectorRuntime>();
        var chargerOf = new List<ChargerSettings>();
        var circuitOf = new List<int>();
        var rotations = new List<PhaseRotation>();
        foreach (var charger in site.Chargers)
        {
            for (var c = 1; c <= charger.Connectors; c++)
            {
                connectors.Add(old.TryGetValue((charger.Id, c), out var kept) ? kept : new ConnectorRuntime(charger.Id, c, charger.MaxCurrentA));
                chargerOf.Add(charger);
                circuitOf.Add(index.GetValueOrDefault(charger.Circuit, 0));
                rotations.Add(PhaseRotationExtensions.TryParse(charger.PhaseRotation, out var rotation) ? rotation : PhaseRotation.L1L2L3);
            }
        }

        return new SiteModel(applied, nodes, meterOfNode, connectors, chargerOf, circuitOf, rotations);
    }

    /// <summary>
    /// Per node (0 the grid): whether a charger on it or on a circuit below it reported drawing current within
    /// <see cref="DrawReportMaxAge"/>: a meter there that reads idle cannot be right then, and if its values stand still it is
    /// frozen, not idle (docs/control-loop.md, "Meter staleness"). One pass over the connectors for every node.
    /// </summary>
    public bool[] CurrentReportedBehind(DateTimeOffset now)
    {
        var behind = new bool[_nodes.Length];
        for (var i = 0; i < Connectors.Count; i++)
        {
            if (Connectors[i].Status is { } status && now - status.CurrentsAt <= DrawReportMaxAge
                && Math.Max(status.CurrentA.L1, Math.Max(status.CurrentA.L2, status.CurrentA.L3)) >= ReportedDrawA)
            {
                for (var k = _circuitIndexOf[i]; k >= 0 && !behind[k]; k = _nodes[k].ParentIndex)
                {
                    behind[k] = true;
                }
            }
        }

        return behind;
    }

    /// <summary>
    /// Per grid phase, the most the circuits below the grid leave the cars: on each circuit its limit less the margin and less
    /// <paramref name="nodeUncontrolledA"/> there (the balancer aims there, docs/control-loop.md, "Estimating the load nobody
    /// controls"), the least along each path down to the chargers, summed over the branches. Null when a charger hangs on
    /// the grid itself: then only the grid's own room binds.
    /// </summary>
    public double[]? CircuitRoomA(ReadOnlySpan<PhaseCurrents> nodeUncontrolledA, double marginA)
    {
        var direct = new bool[_nodes.Length];
        foreach (var k in _circuitIndexOf)
        {
            direct[k] = true;
        }

        if (direct[0])
        {
            return null;
        }

        // Parents come before their children: from the last node up, each node's room is complete before its parent's.
        var below = new double[_nodes.Length, 3];
        for (var k = _nodes.Length - 1; k > 0; k--)
        {
            for (var p = 0; p < 3; p++)
            {
                var own = Math.Max(0, _nodes[k].MaxCurrentA[p] - marginA - (k < nodeUncontrolledA.Length ? nodeUncontrolledA[k][p] : 0));
                below[_nodes[k].ParentIndex, p] += direct[k] ? own : Math.Min(own, below[k, p]);
            }
        }

        return [below[0, 0], below[0, 1], below[0, 2]];
    }

    /// <summary>
    /// The earliest moment after <paramref name="after"/> at which a circuit's own meter turns unknown unless a new reading
    /// moves (<see cref="MeterWatch.StaleAt"/>, judged as <see cref="Snapshot"/> judges it, with <paramref name="currentExpected"/>
    /// from <see cref="CurrentReportedBehind"/>); null when none will. The loop runs a cycle then, as it does for the grid meter,
    /// so such a circuit is counted conservatively from that moment, not up to a period later (docs/control-loop.md, "Circuit meters").
    /// </summary>
    public DateTimeOffset? CircuitMetersStaleAt(CircuitMeterWatches circuitMeters, IReadOnlyList<bool> currentExpected, DateTimeOffset after)
    {
        var timeout = TimeSpan.FromSeconds(Site.Grid.MeterTimeoutS);
        DateTimeOffset? earliest = null;
        for (var k = 1; k < _meterOfNode.Length; k++)
        {
            if (_meterOfNode[k] is { } meterId
                && circuitMeters.Of(meterId).StaleAt(timeout, k < currentExpected.Count && currentExpected[k]) is { } staleAt
                && staleAt > after && (earliest is null || staleAt < earliest))
            {
                earliest = staleAt;
            }
        }

        return earliest;
    }

    /// <summary>
    /// The balancer's input for this cycle. <paramref name="capA"/> holds a cap per connector (a manual
    /// limit, the start-up hold; +∞ for none): it lowers the connector's maximum and never raises it.
    /// </summary>
    public SiteSnapshot Snapshot(DateTimeOffset now, MeterReading? gridReading, bool gridStale, SiteConstraints constraints, ReadOnlySpan<double> capA, ControlLoopOptions timing, CircuitMeterWatches? circuitMeters = null)
    {
        var nodes = (CircuitNode[])_nodes.Clone();
        if (Site.Grid.Meter is not null)
        {
            // No reading at all is as unknown as a stale one: the balancer falls back.
            nodes[0] = nodes[0] with { Meter = Measurement(gridReading, gridStale) };
        }

        // A circuit's own meter, judged by the grid meter's rule; unknown, it is counted at the most its
        // other load was seen to be (never seen: its whole limit) — never as if nothing else drew there.
        if (circuitMeters is not null)
        {
            var timeout = TimeSpan.FromSeconds(Site.Grid.MeterTimeoutS);
            var currentExpected = CurrentReportedBehind(now);
            for (var k = 1; k < nodes.Length; k++)
            {
                if (_meterOfNode[k] is { } meterId)
                {
                    var watch = circuitMeters.Of(meterId);
                    nodes[k] = nodes[k] with { Meter = Measurement(watch.Latest, watch.IsStale(now, timeout, currentExpected[k])) };
                }
            }
        }

        // The cars' draw is taken out of the grid reading: estimated for when it was read.
        var drawAt = gridReading?.Timestamp ?? now;
        var inputs = new ConnectorInput[Connectors.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var runtime = Connectors[i];
            var charger = _chargerOf[i];
            var status = runtime.Status;
            var failsafe = FailsafeCurrentA(charger);
            var setpoint = runtime.Setpoint;
            var maxA = Math.Min(charger.MaxCurrentA, capA[i]);
            if (status?.Needs?.MaxCurrentA is { } carMaxA && carMaxA >= charger.MinCurrentA)
            {
                // The most the car said it takes (ISO 15118 via NotifyEVChargingNeeds): no more is reserved for it.
                maxA = Math.Min(maxA, carMaxA);
            }

            if (status?.ExternalLimitA is { } externalA && double.IsFinite(externalA) && externalA >= 0)
            {
                // A limit an energy management system or the grid operator set on the charger itself: the charger
                // holds its car under it whatever the edge sends, so no more is reserved for it (docs/ocpp.md). One that is no
                // number of amperes (a schedule in W over 0 phases) says nothing: the connector's own maximum stands.
                maxA = Math.Min(maxA, externalA);
            }

            var activity = ActivityOf(status);

            // The limit the charger held before it confirmed one of ours counts for a car that may be
            // drawing on it; an idle or unreachable charger is counted at what we sent, or its failsafe.
            var carThere = activity is not (ConnectorActivity.Available or ConnectorActivity.Faulted or ConnectorActivity.Unavailable);
            var estimate = DrawEstimator.Estimate(runtime, charger.Phases, now, drawAt, timing.VehicleResponseTime, timing.FreshReadingAge, countUnknownLimit: carThere && runtime.Reachable);
            if (activity is ConnectorActivity.Available or ConnectorActivity.SuspendedByCar)
            {
                // No car, or a car that stopped on its own: nothing drawn, only what it may still hold counts (CommittedA).
                // An OCPP StatusNotification carries no currents, so a suspended car's status still shows what it drew
                // before (docs/control-loop-sessions.md, Session 16, "Capacity").
                estimate = estimate with { LowA = PhaseCurrents.Zero, HighA = PhaseCurrents.Zero };
            }

            var keepsLimitThroughMissedRead = timing.MissedReadHold > TimeSpan.Zero && MissedRead.Recent(runtime, now, timing.MissedReadHold);
            inputs[i] = new ConnectorInput
            {
                Id = _inputIdOf[i],
                ChargerId = charger.Id,
                CircuitIndex = _circuitIndexOf[i],
                Rotation = _rotationOf[i],
                WiredPhases = charger.Phases,
                // A cap below the minimum leaves only 0: the connector is paused.
                MinCurrentA = maxA < charger.MinCurrentA ? 0 : charger.MinCurrentA,
                MaxCurrentA = maxA,
                StepA = 0.1,
                Activity = activity,
                MeasuredCurrentA = estimate.LowA,
                MeasuredCurrentHighA = estimate.HighA,
                UnsurePhaseMask = DrawEstimator.UnsurePhases(runtime, charger.Phases, now, timing.VehicleResponseTime),
                KnownPhaseMask = runtime.Car.KnownPhaseMask,
                ProbedPhaseMask = runtime.Car.ProbedPhaseMask,
                MeasuredAt = now,
                CurrentsReadAt = status?.CurrentsAt,
                CurrentsReadA = status is null ? null : new PhaseCurrents(status.CurrentA.L1, status.CurrentA.L2, status.CurrentA.L3),
                // Nothing sent yet is nothing given: its first limit is a start like any other, into room the
                // limit its charger may hold (CommittedA) leaves — never its failsafe handed out unchecked.
                LastLimitA = setpoint?.LimitA ?? 0,
                LastLimitAt = setpoint?.SentAt ?? DateTimeOffset.MinValue,
                LastLimitConfirmed = setpoint?.Confirmed ?? false,
                // Lapsed (within a cycle, for the charger's clock), it is on its own default: its maximum, whatever it accepted.
                CommittedA = AcceptedLimitLapsing(runtime, now, timing.Period)
                    ? Math.Max(estimate.CommittedA, charger.MaxCurrentA)
                    : ReportedLimit.Counted(estimate.CommittedA, runtime.ReadBackAboveA, charger.MaxCurrentA),
                DecreaseUnconfirmed = runtime.History.DecreaseUnconfirmedSince(now - timing.VehicleResponseTime),
                LimitQueued = runtime.SendQueued,
                LimitOverdue = runtime.OverdueAt <= now,
                Offline = runtime.Disconnected,
                LimitsAnswered = runtime.Answers.Count,
                LimitsNotTaken = runtime.Answers.NotTaken,
                // The one staleness judgement: a charger that cannot be reached, or did not take its last
                // limit (refused, failed, timed out, or a decrease it left unanswered for DecreaseAnswerWait), is counted at
                // the most it may hold and sent its failsafe until it confirms one; a limit still on its way is a normal transition.
                IsStale = !runtime.Reachable
                    || (timing.UnansweredDecreaseWait is { } wait && runtime.History.DecreaseUnansweredSince(now - wait))
                    || AcceptedLimitLapsing(runtime, now, timing.VehicleResponseTime + timing.Period)
                    || (setpoint is { InFlight: false, Confirmed: false } && !RaiseNotTaken(runtime, setpoint) && !PauseRefusedByKind(runtime, setpoint, charger.MinCurrentA)
                        && !CutNobodyNeededNotTaken(runtime, setpoint)),
                // Reached, it still reports: its draw band holds, and comes out of the reading (docs/control-loop-sessions.md, Session 14).
                // A read missed a moment ago alike, while its last reading is fresh (FreshReadingAge): that reading is its draw,
                // counted once. Older, the low end is the estimator's model (the limit in force once the response time has
                // passed), not a reading — taken out, a car that had not yet started counted as drawn (Session 45's review).
                DrawKnownWhileStale = (timing.CountRefusingChargerOnce && runtime.Reachable)
                    || (keepsLimitThroughMissedRead && status is not null && now - status.CurrentsAt <= timing.FreshReadingAge),
                KeepsLimitThroughMissedRead = keepsLimitThroughMissedRead,
                RefusesPauses = runtime.RefusesPausesByKind,
                FailsafeCurrentA = failsafe,
                PriorityClass = charger.Priority,
                SessionStartedAt = runtime.OccupiedSince,
                SessionEnergyWh = status is null ? 0 : Math.Max(0, status.EnergyWh - runtime.EnergyAtStartWh),
                DepartureAt = carThere ? status?.Needs?.DepartureAt : null,
                EnergyWantedWh = carThere ? StillWantedWh(status, runtime.NeedsSeen) : null,
            };
        }

        return new SiteSnapshot
        {
            Time = now,
            Nodes = nodes,
            Connectors = inputs,
            Constraints = constraints,
            Settings = new BalancerSettings
            {
                SafetyMarginA = Site.Grid.SafetyMarginA,
                FallbackCurrentA = Site.Grid.FallbackCurrentA,
                NominalVoltageV = Site.Grid.VoltageV,
                MeasurementMaxAge = TimeSpan.FromSeconds(Site.Grid.MeterTimeoutS),
                // A poll missed now and then is no silence; two in a row are: raises wait until the meter reads again or is stale.
                // Every meter, a circuit's too, is read at the grid meter's poll (GridMeterFeed), whatever its own pollIntervalS.
                RaiseReadingMaxAge = 2 * GridMeterFeed.PollPeriodOf(Site),
                // The loop judges each connector (reachable or not); its estimates are for now.
                ConnectorDataMaxAge = TimeSpan.MaxValue,
                ChangeBandA = timing.ChangeBandA,
                ChangeSettleTime = timing.VehicleResponseTime + timing.Period,
                OwnReadingWindow = timing.Period / 2,
                VehicleResponseTime = timing.VehicleResponseTime,
                LearnCarPhases = timing.LearnCarPhases,
                StepReserveShare = timing.StepReserveShare,
            },
        };
    }

    // A reading with a value no meter can give is as unknown as none.
    // A raise the charger refused or did not answer leaves it under a limit it confirmed before (or the
    // raised one, if it took it after all): both are counted (CommittedA, docs/control-loop.md, "Failsafes", a
    // raise rejected, failed or timed out) and both were safe when sent, so it is not stale — its failsafe would
    // only take from its car what the plan gave it, and the plan's limit is sent again next cycle.
    private static bool RaiseNotTaken(ConnectorRuntime runtime, SetpointState setpoint) =>
        runtime.History.Confirmed is { } held && setpoint.LimitA >= held.LimitA;

    // The limit the charger last accepted lapses within 'ahead' (its profile's validTo: the keeper refreshes only the limit asked
    // last, so a charger refusing every limit since is not refreshed), and then the charger is back on its own default, which no
    // limit of ours counts. A car's response and a cycle ahead it is stale — counted at the most it may hold and sent its failsafe,
    // which, taken, renews what it holds — so the others are cut before it may draw more; from a cycle ahead on, with nothing
    // renewed, it is counted at its maximum (docs/control-loop.md, "Failsafes", "a limit that lapses").
    internal static bool AcceptedLimitLapsing(ConnectorRuntime runtime, DateTimeOffset now, TimeSpan ahead) =>
        runtime.AcceptedLimitValidTo is { } validTo && now >= validTo - ahead;

    // A cut the site did not need (a fairer share, a probe's cut: SetpointState.Needed) that its charger refused, or left unanswered
    // until the send timed out, after taking the limit before: it holds the limit it confirmed, or the cut if it took it unanswered —
    // counted at both (CommittedA) like a raise not taken, and sent again; not its failsafe, which, counted on every wired phase, cut
    // the others and then its own car to the failsafe (docs/control-loop-sessions.md, Sessions 35, 38 and 39). A charger going silent is
    // judged by its reads (unreachable: stale), not by one call it left unanswered. A cut the site needs, a decrease left unanswered
    // for DecreaseAnswerWait, and a second cut not taken in a row (a charger that keeps refusing would be left unstale while the
    // profile it confirmed runs out) are stale as ever.
    private static bool CutNobodyNeededNotTaken(ConnectorRuntime runtime, SetpointState setpoint) =>
        !setpoint.Needed && runtime.History.Epochs[^1] is { State: LimitEpochState.Rejected or LimitEpochState.Failed } && runtime.Answers.NotTakenInARow <= 1
        && runtime.History.Confirmed is { } held && held.LimitA > setpoint.LimitA;

    // A pause refused by a charger that refuses 0 A by kind leaves it under the limit it confirmed before, at least its minimum:
    // counted there (CommittedA), like a raise not taken, not at its failsafe; the pause is planned again, and the stop after
    // refusals still judges it (docs/control-loop-sessions.md, Session 22, "A charger that refuses 0 A").
    private static bool PauseRefusedByKind(ConnectorRuntime runtime, SetpointState setpoint, double minCurrentA) =>
        setpoint.LimitA == 0 && runtime.RefusesPausesByKind
        && runtime.History.Confirmed is { } held && held.LimitA >= minCurrentA;

    private static NodeMeasurement Measurement(MeterReading? reading, bool stale) =>
        reading is null || !Plausible.MeterCurrents(reading.CurrentA)
            ? new NodeMeasurement(PhaseCurrents.Zero, DateTimeOffset.MinValue, IsStale: true)
            : new NodeMeasurement(ToPhaseCurrents(reading.CurrentA), reading.Timestamp, stale);

    /// <summary>
    /// What the balancer takes a connector to be doing. A connector with no status yet may have a car
    /// charging on it: it is counted as one (never as 0 A) until its charger says otherwise.
    /// </summary>
    public static ConnectorActivity ActivityOf(ConnectorStatus? status) =>
        status is null ? ConnectorActivity.Charging : ActivityMapping.Of(status.State);


    /// <summary>
    /// What the car said it wants (NotifyEVChargingNeeds), less what it has taken since it said so; null
    /// when it said nothing. The balancer's departure-aware allocation and the peak target plan with it.
    /// </summary>
    internal static double? StillWantedWh(ConnectorStatus? status, (DateTimeOffset ReportedAt, double EnergyWh)? seen) =>
        status?.Needs?.EnergyWantedWh is { } askedWh
            ? Math.Max(0, askedWh - Math.Max(0, status.EnergyWh - (seen?.EnergyWh ?? status.EnergyWh)))
            : null;

    /// <summary>What a charger falls back to on its own: its <c>failsafeCurrentA</c>, else its minimum.</summary>
    public static double FailsafeCurrentA(ChargerSettings charger) => charger.FailsafeCurrentA ?? charger.MinCurrentA;

    public static PhaseCurrents ToPhaseCurrents(PhaseValues values) => new(values.L1, values.L2, values.L3);

    private static List<CircuitSettings> TopologicalOrder(IReadOnlyList<CircuitSettings> circuits)
    {
        // The configuration was validated (no cycles, parents exist), so this terminates.
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<CircuitSettings>(circuits.Count);
        while (order.Count < circuits.Count)
        {
            var progress = false;
            foreach (var circuit in circuits)
            {
                if (!placed.Contains(circuit.Id) && (circuit.Parent is null || placed.Contains(circuit.Parent)))
                {
                    order.Add(circuit);
                    placed.Add(circuit.Id);
                    progress = true;
                }
            }

            if (!progress)
            {
                throw new InvalidOperationException("The circuit tree has a cycle or a missing parent; the configuration should have been refused.");
            }
        }

        return order;
    }
}
