namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Turns the targets of a strategy into the limits to send now, for cars that answer a new limit
/// only seconds later (docs/control-loop.md, "Decreases before increases"):
/// <list type="bullet">
/// <item>a decrease to a bound of its own goes out at once; one only fairness asks for waits until the
/// car has answered its last change, and pauses only where a meter reads over the limit;</item>
/// <item>where the limits, once every limit sent has taken effect, would still break a limit (the base
/// at its low end), the rest of the way down to the targets goes out now, in pause order and only as far
/// as the excess needs;</item>
/// <item>a raise of at least a band (or a start) goes out only when no decrease is on its way anywhere and
/// no meter has fallen silent, into room no reservation holds (a connector is reserved at its committed limit,
/// or its new limit when higher; in fallback its own counts only where no constraint is over), higher priority and lowest
/// limit first; raises under a band, never sent alone, are gathered into a band for one car after another where the room
/// takes it whole (<see cref="GatherSubBandRaises"/>);</item>
/// <item>while the grid meter is unknown, or a meter reads over its limit, each such phase also keeps room for
/// the decreases chargers may not take (each by its charger's latest answers, <see cref="UntakenHedge"/>; in fallback
/// at least the largest),
/// cars coming down in pause order only as far as that needs.</item>
/// </list>
/// The outputs replace the targets in <see cref="AllocationProblem.X"/>.
/// </summary>
internal static partial class TransitionPlanner
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// In fallback, the least share of a decrease not yet taken that room is kept for, whatever its charger answered
    /// before: many decreases go out together when the meter fails (on the 57-connector MeterFaultTests site three of
    /// thirty pauses failed in the first cycle; the charger's share alone reached the fallback at 1 s dead time in
    /// 8.5 s against 5 s; docs/control-loop.md, "Decreases before increases").
    /// </summary>
    private const double FallbackUntakenShare = 0.25;


    /// <summary>A cut that surely frees less than this share of itself is not made for the hedge: it frees nothing sure.</summary>
    private const double MinSureShare = 0.05;

    /// <param name="problem">The problem whose targets are in <see cref="AllocationProblem.X"/>.</param>
    /// <param name="bandA">The change band.</param>
    /// <param name="scratch">Working memory.</param>
    /// <param name="meterSilent">A meter has not been read for longer than <see cref="BalancerSettings.RaiseReadingMaxAge"/>: raises wait (<see cref="SilentMeter"/>).</param>
    public static void Plan(AllocationProblem problem, double bandA, StrategyScratch scratch, bool meterSilent = false)
    {
        var n = problem.ConnectorCount;
        var targets = scratch.TargetsA(n);
        Array.Clear(problem.Load, 0, problem.ConstraintCount);
        for (var i = 0; i < n; i++)
        {
            targets[i] = problem.X[i];
            if (problem.Participates[i])
            {
                AddLoad(problem, i, Reserved(problem, i, problem.LastLimitA[i]));
            }
        }

        // What the loads come to once every limit sent has taken effect: the base at its low end and each
        // connector at its limit. A decrease on its way relieves as surely as one sent now would (a car
        // answers either after its dead time); one a charger refused makes it stale, counted in the base.
        var after = scratch.LoadsAfter(problem.ConstraintCount);
        after.Clear();
        var candidates = scratch.Group(n);
        var candidateCount = 0;
        var cuts = scratch.Held(n);
        var cutCount = 0;
        var heldPauses = scratch.HeldPauses(n);
        var heldPauseCount = 0;
        var sizedByMeasure = scratch.SizedByMeasure(n);
        var sizedByMeasureCount = 0;
        var reclaims = scratch.Reclaims(n);
        var reclaimCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (!problem.Participates[i])
            {
                continue;
            }

            var targetA = targets[i];
            var lastA = problem.LastLimitA[i];
            var outA = lastA;
            if (targetA < lastA - Tolerance)
            {
                // A bound of its own (its maximum, a manual limit, curtailment) holds at once. One that
                // only fairness lowers waits until its car has answered its last change — not while the
                // grid meter is unknown: then no reading is misread and the fallback wants all — and never
                // pauses: a pause goes out only when a limit needs it (below).
                if (lastA > problem.HighA[i] + Tolerance)
                {
                    outA = targetA;
                }
                else if (lastA - targetA >= bandA - Tolerance
                    && ((problem.Settled[i] && (problem.OnMeasuredOverload(i) || !problem.OnUnsureConstraint(i, bandA))) || problem.GridFallbackActive))
                {
                    // Where a meter reads over the limit now the overload is real, not the estimate's caution:
                    // the pause goes out — where that phase's base holds a young start counted twice, only as far as
                    // the measured excess needs (below, PauseAsTheMeasuredExcessNeeds).
                    var measuredOver = problem.OnMeasuredOverload(i);
                    var sizeByMeasure = targetA <= 0 && measuredOver && !problem.GridFallbackActive && OnStartCredit(problem, i);
                    outA = (targetA > 0 || measuredOver) && !sizeByMeasure ? targetA : Math.Min(lastA, problem.LowA[i]);
                    if (sizeByMeasure)
                    {
                        sizedByMeasure[sizedByMeasureCount++] = i;
                    }
                    else if (outA > targetA + Tolerance && targetA <= 0 && problem.TurnOver[i])
                    {
                        heldPauses[heldPauseCount++] = i;
                    }
                }

                if (targetA < outA - Tolerance)
                {
                    cuts[cutCount++] = i;
                }

                if (outA < lastA - Tolerance && MayWaitForARaise(problem, i))
                {
                    reclaims[reclaimCount++] = i;
                }
            }
            else if (targetA > lastA + Tolerance && (lastA <= 0 || targetA - lastA >= bandA - Tolerance))
            {
                if (problem.Settled[i])
                {
                    candidates[candidateCount++] = i;
                }
                else
                {
                    problem.Waiting[i] = true;
                }
            }

            problem.X[i] = outA;
            AddTo(problem, after, i, AfterA(problem, i, outA));
        }

        TakeBackRaises(problem, after, targets, scratch.Participants(n));

        // Where those loads still break a limit, the rest of the way down to the targets goes out now, in
        // pause order and only as far as the limit needs: cutting every car on the phase at once would pause
        // more than the excess and hold them for the pause time.
        var needed = cuts[..cutCount];
        problem.Sort(needed, ConnectorOrderKind.Pause);
        foreach (var i in needed)
        {
            if (IsOver(problem, after, i) && !problem.LimitStalledAt[i])
            {
                AddTo(problem, after, i, targets[i] - problem.X[i]);
                problem.X[i] = targets[i];
            }
        }

        PauseAsTheMeasuredExcessNeeds(problem, after, targets, sizedByMeasure[..sizedByMeasureCount], bandA / 2);

        if (problem.GridFallbackActive || AnyMeasuredOver(problem))
        {
            HoldWhateverTheChargersAnswer(problem, after, targets, scratch.ShortfallsA(2 * problem.ConstraintCount), scratch.Participants(n));
        }

        // Reclaims are held where raises wait for their turn (TransitionPlanner.HeldReclaims.cs) — judged on the loads once every
        // limit sent has taken effect, before ReleasePausesForStarts takes that buffer for its trials.
        var plannedA = scratch.PlannedA(n);
        var held = candidateCount > 0 && !meterSilent ? HoldReclaims(problem, after, reclaims[..reclaimCount], plannedA) : 0;

        ReleasePausesForStarts(problem, heldPauses[..heldPauseCount], candidates[..candidateCount], after);

        // Raises wait while any decrease is on its way — sent now, or earlier and not yet confirmed
        // (docs/control-loop.md, "Decreases before increases") — and while a meter has fallen silent.
        if (meterSilent || problem.DecreaseUnconfirmed || AnyDecrease(problem))
        {
            foreach (var i in candidates[..candidateCount])
            {
                problem.Waiting[i] = true;
            }

            // Held only while earlier decreases are still unconfirmed: decreases going out now take the held ones along.
            if (AnyDecrease(problem))
            {
                ReleaseReclaims(problem, reclaims[..held], plannedA);
            }

            return;
        }

        // Decreases were decided against the loads as they were; the reservations of lowered
        // connectors stay at their committed limits, so the loads need no update for them.
        var raises = candidates[..candidateCount];
        problem.Sort(raises, ConnectorOrderKind.Raise);
        var granted = 0;
        foreach (var i in raises)
        {
            // In fallback, its own reservation is room only as far as no constraint is over with it: a car paused a
            // moment ago still holds its old limit, and restarting into it where the reservations already pass a limit
            // undid the pause the fallback had counted on (site bench seed 3, 5 s dead time: 0.5 A over it 13 s past
            // the bound). Elsewhere the meter sees what the car draws and the next cycle answers it.
            var reservedA = Reserved(problem, i, problem.LastLimitA[i]);
            var roomA = problem.GridFallbackActive ? SignedRoomIn(problem, problem.Load, i) : RoomIn(problem, problem.Load, i);
            var grantA = Math.Min(targets[i], reservedA + roomA);
            grantA = Steps.Down(grantA + Tolerance, problem.StepA[i]);
            var lastA = problem.LastLimitA[i];
            var useful = grantA >= targets[i] - Tolerance
                || (grantA >= problem.LowA[i] - Tolerance && grantA - lastA >= bandA - Tolerance);
            if (!useful || grantA <= lastA + Tolerance)
            {
                problem.Waiting[i] = true;
                continue;
            }

            var newReservedA = Reserved(problem, i, grantA);
            AddLoad(problem, i, newReservedA - reservedA);
            problem.X[i] = grantA;
            granted++;
        }

        if (granted == 0)
        {
            ReleaseReclaims(problem, reclaims[..held], plannedA);
        }

        foreach (var i in raises)
        {
            if (problem.Waiting[i])
            {
                return;
            }
        }

        GatherSubBandRaises(problem, bandA, targets, candidates);
    }

    /// <summary>
    /// Raises smaller than the band are never sent, so room shared out in pieces under a band goes unused: four cars each
    /// 0.67 A under their share left 2.6 A a phase idle on the real-timing site (docs/control-loop-sessions.md, Session 24, "Gathering
    /// the raises under the band"). Where no raise of a band waits, the cars so short get a band each, one after another
    /// (higher priority and lowest limit first), while room no reservation holds still takes it whole: the room is the raises'
    /// own room (the targets' half band under the limit), so this moves limits only where a raise of a band would have fitted.
    /// Only settled cars already charging, never above their own bound, never in fallback (the fallback wants all).
    /// </summary>
    private static void GatherSubBandRaises(AllocationProblem problem, double bandA, ReadOnlySpan<double> targets, Span<int> members)
    {
        if (problem.GridFallbackActive || bandA <= 0)
        {
            return;
        }

        // Not while any car that could charge is held at nothing: the room is a start's, and on such crowded sites the
        // extra limits moved which charger's pause failed at the next step (held-out bench, Session 24).
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.Participates[i] && targets[i] <= 0)
            {
                return;
            }
        }

        var count = 0;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            var lastA = problem.LastLimitA[i];
            var shortA = targets[i] - lastA;
            if (problem.Participates[i] && problem.Settled[i] && lastA > 0 && problem.X[i] == lastA
                && shortA > Tolerance && shortA < bandA - Tolerance && lastA + bandA <= problem.HighA[i] + Tolerance)
            {
                members[count++] = i;
            }
        }

        var gathered = members[..count];
        problem.Sort(gathered, ConnectorOrderKind.Raise);
        foreach (var i in gathered)
        {
            var lastA = problem.LastLimitA[i];
            var reservedA = Reserved(problem, i, lastA);
            var grantA = Steps.Down(Math.Min(problem.HighA[i], lastA + bandA) + Tolerance, problem.StepA[i]);
            if (grantA - lastA < bandA - Tolerance || grantA - reservedA > RoomIn(problem, problem.Load, i) + Tolerance)
            {
                continue;
            }

            AddLoad(problem, i, Reserved(problem, i, grantA) - reservedA);
            problem.X[i] = grantA;
        }
    }

    /// <summary>
    /// Where a meter reads over, the raises still on their way there (<see cref="AllocationProblem.RaisedFromA"/>) are taken
    /// back first, in pause order, each to what its car drew before (never under its target or minimum) and only as far as the
    /// excess needs; only then is anyone cut below where they were. The step is counted with those cars at what they drew
    /// before, so undoing a raise the car has not taken yet frees nothing in the count and costs it nothing; a start (from
    /// nothing) is counted at its limit, as before, and comes down only in pause order (docs/control-loop-sessions.md, Session 17,
    /// "The first cut after a step"). A raise its car's own reading shows not taken (<see cref="AllocationProblem.RaiseReadNotTaken"/>)
    /// is counted so whether a meter reads over or not, and is taken back as far as any constraint it loads is over (Session 23).
    /// </summary>
    private static void TakeBackRaises(AllocationProblem problem, Span<double> after, ReadOnlySpan<double> targets, Span<int> members)
    {
        var count = 0;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.Participates[i] && problem.RaisedFromA[i] > 0 && !problem.LimitStalledAt[i]
                && (problem.RaiseReadNotTaken[i] || problem.OnMeasuredOverload(i)))
            {
                members[count++] = i;
            }
        }

        members = members[..count];
        problem.Sort(members, ConnectorOrderKind.Pause);
        foreach (var i in members)
        {
            var excessA = Excess(problem, after, i, measuredOnly: !problem.RaiseReadNotTaken[i]);
            var backA = Math.Max(Math.Max(targets[i], problem.LowA[i]), Steps.Up(problem.RaisedFromA[i], problem.StepA[i]));
            backA = Math.Max(backA, Steps.Down(problem.X[i] - excessA, problem.StepA[i]));
            if (excessA > Tolerance && backA < problem.X[i] - Tolerance)
            {
                AddTo(problem, after, i, backA - problem.X[i]);
                problem.X[i] = backA;
            }
        }
    }

    // How far, in connector i's amperes, a constraint it loads (whose meter reads over, when measuredOnly) is over its limit.
    private static double Excess(AllocationProblem problem, ReadOnlySpan<double> load, int i, bool measuredOnly)
    {
        var excessA = 0.0;
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var coefficient = problem.CarCoefficient[e];
            var j = problem.CarConstraint[e];
            if (coefficient > 0 && (problem.MeasuredOver[j] || !measuredOnly))
            {
                excessA = Math.Max(excessA, (load[j] - LimitOf(problem, j)) / coefficient);
            }
        }

        return excessA;
    }

    /// <summary>
    /// A pause held at the car's minimum (no limit needs it) goes out, once the car has had its turn, where it
    /// lets a waiting car start: the strategy takes turns between cars when not every minimum fits, and a
    /// running car held at its minimum would keep the one whose turn it is waiting for ever (docs/control-loop.md, "Taking turns"). Each start
    /// candidate, in raise order, takes the held pauses that share its constraints, in pause order, until its
    /// minimum fits where they and every limit still reserved leave room; if it never fits, none is released
    /// for it. The start itself waits, as every raise does, until the pause has been confirmed.
    /// </summary>
    private static void ReleasePausesForStarts(AllocationProblem problem, Span<int> heldPauses, Span<int> candidates, Span<double> trial)
    {
        if (heldPauses.IsEmpty || candidates.IsEmpty)
        {
            return;
        }

        problem.Sort(heldPauses, ConnectorOrderKind.Pause);
        problem.Load.AsSpan(0, problem.ConstraintCount).CopyTo(trial);
        var starts = candidates;
        problem.Sort(starts, ConnectorOrderKind.Raise);
        var released = 0;
        foreach (var k in starts)
        {
            if (problem.LastLimitA[k] > 0 || released == heldPauses.Length)
            {
                continue;
            }

            var taken = released;
            while (RoomIn(problem, trial, k) < problem.LowA[k] - Tolerance && taken < heldPauses.Length)
            {
                var at = NextSharing(problem, heldPauses, taken, k);
                if (at < 0)
                {
                    break;
                }

                // Moved to the front of the untaken, the rest keeping their pause order.
                var i = heldPauses[at];
                heldPauses[taken..at].CopyTo(heldPauses[(taken + 1)..(at + 1)]);
                heldPauses[taken++] = i;
                AddTo(problem, trial, i, -Reserved(problem, i, problem.LastLimitA[i]));
            }

            if (RoomIn(problem, trial, k) < problem.LowA[k] - Tolerance)
            {
                for (var m = released; m < taken; m++)
                {
                    var i = heldPauses[m];
                    AddTo(problem, trial, i, Reserved(problem, i, problem.LastLimitA[i]));
                }

                continue;
            }

            for (var m = released; m < taken; m++)
            {
                problem.X[heldPauses[m]] = 0;
            }

            released = taken;
            AddTo(problem, trial, k, problem.LowA[k]);
        }
    }

    // The first held pause from position 'from' on that loads a constraint connector k loads.
    private static int NextSharing(AllocationProblem problem, ReadOnlySpan<int> heldPauses, int from, int k)
    {
        for (var m = from; m < heldPauses.Length; m++)
        {
            var i = heldPauses[m];
            for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
            {
                if (problem.CarCoefficient[e] > 0 && Loads(problem, k, problem.CarConstraint[e]))
                {
                    return m;
                }
            }
        }

        return -1;
    }

    private static bool Loads(AllocationProblem problem, int k, int j)
    {
        for (var e = problem.CarStart[k]; e < problem.CarStart[k + 1]; e++)
        {
            if (problem.CarConstraint[e] == j && problem.CarCoefficient[e] > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A pause for a measured overload where the phase read over holds a young start counted twice
    /// (<see cref="AllocationProblem.StartCreditA"/>: its unseen draw in the base and its limit in the loads; seed 31 at 1 s,
    /// docs/control-loop-sessions.md, Sessions 24 and 25) goes out, in pause order, only while the loads once every limit sent has taken
    /// effect still pass, on a phase read over, the limit less the margin with that credit taken off the base, and elsewhere the
    /// limit as the cuts above judge it (<see cref="LimitOf"/>). A pause not needed stays the cut to the car's least current
    /// it was made. Starts are credited, and cuts in flight only to chargers that take their limits: one a charger may not take
    /// leaves its car drawing (u52 <c>--one-call</c> at 2 s, Session 24; Session 27, cascade27).
    /// </summary>
    private static void PauseAsTheMeasuredExcessNeeds(AllocationProblem problem, Span<double> after, ReadOnlySpan<double> targets, Span<int> members, double halfBandA)
    {
        problem.Sort(members, ConnectorOrderKind.Pause);
        foreach (var i in members)
        {
            if (problem.X[i] > targets[i] + Tolerance && !problem.LimitStalledAt[i] && PassesMeasuredExcess(problem, after, i, halfBandA))
            {
                AddTo(problem, after, i, targets[i] - problem.X[i]);
                problem.X[i] = targets[i];
            }
        }
    }

    private static bool PassesMeasuredExcess(AllocationProblem problem, ReadOnlySpan<double> after, int i, double halfBandA)
    {
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var j = problem.CarConstraint[e];
            var limitA = problem.MeasuredOver[j] ? problem.Capacity[j] + halfBandA + problem.StartCreditA(j) : LimitOf(problem, j);
            if (problem.CarCoefficient[e] > 0 && after[j] > limitA + Tolerance)
            {
                return true;
            }
        }

        return false;
    }

    // Whether connector i loads a constraint read over whose base holds a young start's credit.
    private static bool OnStartCredit(AllocationProblem problem, int i)
    {
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var j = problem.CarConstraint[e];
            if (problem.CarCoefficient[e] > 0 && problem.MeasuredOver[j] && problem.StartCreditA(j) > Tolerance)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyMeasuredOver(AllocationProblem problem)
    {
        for (var j = 0; j < problem.ConstraintCount; j++)
        {
            if (problem.MeasuredOver[j])
            {
                return true;
            }
        }

        return false;
    }

    // A lower plan for a connector whose charger is offline goes nowhere: it holds no raise (ConnectorInput.Offline).
    private static bool AnyDecrease(AllocationProblem problem)
    {
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            var outA = problem.Participates[i] ? problem.X[i] : problem.FixedLimitA[i];
            if (outA < problem.LastLimitA[i] - Tolerance && !problem.OfflineAt[i])
            {
                return true;
            }
        }

        return false;
    }

    // What a connector may draw while it follows: its committed limit, or the limit it is given when higher.
    private static double Reserved(AllocationProblem problem, int i, double limitA) => Math.Max(problem.CommittedA[i], limitA);

    private static void AddLoad(AllocationProblem problem, int i, double currentA) => AddTo(problem, problem.Load, i, currentA);

    private static void AddTo(AllocationProblem problem, Span<double> load, int i, double currentA)
    {
        if (currentA == 0)
        {
            return;
        }

        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            load[problem.CarConstraint[e]] += problem.CarCoefficient[e] * currentA;
        }
    }

    // Where the limits in force must come down: the limit itself, not the targets' half band under it.
    private static double LimitOf(AllocationProblem problem, int j) => problem.Capacity[j] + problem.ForcedSlack[j];

    private static bool IsOver(AllocationProblem problem, ReadOnlySpan<double> load, int i)
    {
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var j = problem.CarConstraint[e];
            if (problem.CarCoefficient[e] > 0 && load[j] > LimitOf(problem, j) + Tolerance)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// While the grid meter is unknown the fallback must hold within a bound whatever the chargers answer
    /// (docs/control-loop.md, "Decreases before increases"). The loads after this cycle count each connector
    /// at the limit it is given; a decrease its charger has not yet taken (sent now, or earlier and not yet
    /// confirmed) may be refused or time out, and that car then keeps what it may still draw. So each
    /// constraint also keeps room for such shortfalls: the largest one, or each at the share its charger may not
    /// take (<see cref="UntakenHedge"/>) but at least a quarter (<see cref="FallbackUntakenShare"/>) when more. Where that is over, connectors come down in pause order only
    /// as far as needed: first to their minimum, then paused. Pausing every car still running on the phase, as before, left the site
    /// idle for the pause hold. While a meter reads over its limit the same hedge keeps room for each decrease
    /// not yet taken at the share its charger may not take (<see cref="UntakenHedge"/>), and a further cut is
    /// counted at what it surely frees: a charger that seldom takes its limits is not cut or paused for it.
    /// </summary>
    private static void HoldWhateverTheChargersAnswer(AllocationProblem problem, Span<double> loads, ReadOnlySpan<double> targets, Span<double> shortfalls, Span<int> members)
    {
        var m = problem.ConstraintCount;
        var largest = shortfalls[..m];
        var total = shortfalls[m..];
        shortfalls.Clear();
        var count = 0;
        for (var i = 0; i < problem.ConnectorCount; i++)
        {
            if (problem.Participates[i])
            {
                AddShortfall(problem, largest, total, i, 0);
                if (problem.X[i] > 0)
                {
                    members[count++] = i;
                }
            }
        }

        members = members[..count];
        problem.Sort(members, ConnectorOrderKind.Pause);
        foreach (var i in members)
        {
            var excessA = HedgedExcess(problem, loads, largest, total, i);
            var sure = SureShare(problem, i);
            if (excessA > Tolerance && problem.X[i] > problem.LowA[i] + Tolerance && sure > MinSureShare)
            {
                var loweredA = Math.Max(problem.LowA[i], Steps.Down(problem.X[i] - (excessA / sure), problem.StepA[i]));
                LowerTo(problem, loads, largest, total, i, loweredA);
            }
        }

        foreach (var i in members)
        {
            if (HedgedExcess(problem, loads, largest, total, i) > Tolerance && SureShare(problem, i) > MinSureShare)
            {
                LowerTo(problem, loads, largest, total, i, 0);
                problem.PauseReason[i] = AllocationReason.PausedForCapacity;

                // A car the plan keeps running, paused only for the hedge: once the decreases it hedges are taken it is not needed
                // (AllocationFinisher leaves such a pause unheld).
                problem.PausedForHedge[i] = targets[i] > 0;
            }
        }
    }

    // How much of a further cut at connector i surely frees room: in fallback all of it (the fallback's share is
    // kept of the total), while a meter reads over all but the share its charger may not take.
    private static double SureShare(AllocationProblem problem, int i) =>
        problem.LimitStalledAt[i] ? 0 : problem.GridFallbackActive ? 1 : 1 - problem.UntakenShareAt[i];

    // What connector i draws once every limit sent has taken effect: its limit, but what it may still draw (its committed
    // current) while that limit waits in its driver behind another call to its charger, unsent (docs/control-loop-sessions.md,
    // Session 14, "A cut queued behind an unanswered call"), or its charger left it unanswered past its usual answer time
    // ("An overdue limit"): the cut is not known to be on its way, others are cut for it.
    private static double AfterA(AllocationProblem problem, int i, double limitA) =>
        problem.LimitStalledAt[i] ? Reserved(problem, i, limitA) : limitA;

    private static void LowerTo(AllocationProblem problem, Span<double> loads, Span<double> largest, Span<double> total, int i, double limitA)
    {
        var before = Shortfall(problem, i);
        AddTo(problem, loads, i, limitA - problem.X[i]);
        problem.X[i] = limitA;
        AddShortfall(problem, largest, total, i, before);
    }

    // What connector i may draw beyond its new limit if its charger does not take it: up to its committed current
    // while an earlier decrease is unconfirmed, else up to the limit it was last sent (confirmed, or a raise). While a
    // meter reads over, a decrease unanswered for longer than a response time still counts: a charger that never
    // answers is stale only after the write timeout (5 s).
    private static double Shortfall(AllocationProblem problem, int i)
    {
        if (problem.LimitStalledAt[i])
        {
            return 0; // counted whole in the loads after (AfterA)
        }

        var worstA = problem.DecreaseUnconfirmedAt[i] || !problem.GridFallbackActive ? Reserved(problem, i, problem.LastLimitA[i]) : problem.LastLimitA[i];
        return Math.Max(0, worstA - problem.X[i]);
    }

    // Each shortfall counts at the share its charger may not take (UntakenHedge), in fallback at least a quarter.
    private static void AddShortfall(AllocationProblem problem, Span<double> largest, Span<double> total, int i, double beforeA)
    {
        var shortfallA = Shortfall(problem, i);
        var weight = problem.GridFallbackActive ? Math.Max(FallbackUntakenShare, problem.UntakenShareAt[i]) : problem.UntakenShareAt[i];
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var coefficient = problem.CarCoefficient[e];
            if (coefficient > 0)
            {
                var j = problem.CarConstraint[e];
                largest[j] = Math.Max(largest[j], coefficient * shortfallA);
                total[j] += coefficient * weight * (shortfallA - beforeA);
            }
        }
    }

    // How far, in connector i's amperes, a constraint it loads is over its limit with room kept for the shortfalls.
    private static double HedgedExcess(AllocationProblem problem, ReadOnlySpan<double> loads, ReadOnlySpan<double> largest, ReadOnlySpan<double> total, int i)
    {
        var excessA = 0.0;
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var coefficient = problem.CarCoefficient[e];
            if (coefficient > 0)
            {
                var j = problem.CarConstraint[e];
                if (!problem.GridFallbackActive && !problem.MeasuredOver[j])
                {
                    continue;
                }

                var keptA = problem.GridFallbackActive ? Math.Max(largest[j], total[j]) : total[j];
                excessA = Math.Max(excessA, (loads[j] + keptA - LimitOf(problem, j)) / coefficient);
            }
        }

        return excessA;
    }

    private static double RoomIn(AllocationProblem problem, ReadOnlySpan<double> load, int i) => Math.Max(0, SignedRoomIn(problem, load, i));

    // Room left on connector i's constraints, negative where they are already over.
    private static double SignedRoomIn(AllocationProblem problem, ReadOnlySpan<double> load, int i)
    {
        var roomA = double.PositiveInfinity;
        for (var e = problem.CarStart[i]; e < problem.CarStart[i + 1]; e++)
        {
            var coefficient = problem.CarCoefficient[e];
            if (coefficient > 0)
            {
                var j = problem.CarConstraint[e];
                roomA = Math.Min(roomA, (problem.Capacity[j] - load[j]) / coefficient);
            }
        }

        return roomA;
    }
}
