using System.Globalization;
using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Places the car behind a charger that reports one current without a phase and whose energy and power never told its
/// phases — counted on every wired phase otherwise (property 6), which keeps room on phases it does not draw on — by a probe
/// through the grid meter (docs/control-loop.md, "A car's phases from a probe"). At a cycle when every limit on the site has
/// been settled for the cars' response time, the car is cut by up to <see cref="CutA"/> while every other connector is held at
/// its limit; a response time after its charger confirmed the cut — sooner, where the car's whole move has stood a second
/// (<see cref="EarlyStable"/>) — the grid meter's move shows which phases carried it (<see cref="PhaseProbeVerdict"/>); the car
/// is raised back and judged the same way (not after a cut that moved all three phases: that places it where it counted anyway).
/// Two verdicts that agree (or that one of all three) count the car on those phases while the verdict stands (<see cref="ProbedPhases"/>). Another car cut under what it drew meanwhile (a cut the
/// site needs is never held back: the hold is a cap, it only stops raises) ends the probe without a verdict unless its own readings
/// show its move (<see cref="MeasuredOthers"/>, taken out of the grid's) or its car draws alike on three phases (<see cref="AlikeMoves"/>:
/// what moved every phase alike is taken out, in one stage of the two at most, judged at the response time); so does a car or charger
/// that changes state (but such a car that stops), or a grid meter that turns stale. One probe at a time, so that the meter's move is one car's.
/// </summary>
internal sealed partial class PhaseProbe(TimeSpan responseTime, TimeSpan freshFor, ILogger logger)
{
    /// <summary>The cut a probe makes: clear of the meter's noise and of a slow base load over the few seconds judged.</summary>
    public const double CutA = 6;

    /// <summary>The least cut a probe makes: a car nearer its minimum current is not probed.</summary>
    public const double LeastCutA = 4;

    /// <summary>Probes of one car that may end without a verdict; then it stays counted on every phase.</summary>
    public const int MostTries = 4;

    /// <summary>How long after a probe without a verdict the car may be probed again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after a probe that another connector disturbed (its car changed state, or the plan cut it) the car may be probed
    /// again: its car and charger did nothing wrong, and the next still moment may come soon — the raises the probe held go out
    /// meanwhile. It still counts as a try (<see cref="MostTries"/>), so a site that never stands still is not probed for ever.
    /// </summary>
    public static readonly TimeSpan RetryAfterOthersMoved = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a verdict of fewer than three phases stands before the car is probed again: its charger's reports would never
    /// show it switch to more phases, and a circuit without a meter of its own counts it by the verdict alone. Kept while it waits
    /// for a still moment (<see cref="ProbedPhases.RejudgedWithin"/>), and after <see cref="MostTries"/> probes in a row without a
    /// verdict forgotten.
    /// </summary>
    public static readonly TimeSpan ProbeAgainAfter = TimeSpan.FromMinutes(10);

    /// <summary>Judged this long after the response time: the car's own ramp and a grid poll.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a move of nearly the whole change (<see cref="EarlyLeastShare"/>) on the same phases stands, reading after reading,
    /// before it is judged ahead of the response time: a car's phases answer together (one rectifier), so a partial move is a
    /// ramp, not a verdict — and a second stage must agree on fewer than three phases (all three count as an unplaced car does).
    /// </summary>
    public static readonly TimeSpan EarlyStable = TimeSpan.FromSeconds(1);

    /// <summary>The least share of the change each moved phase shows for a verdict ahead of the response time.</summary>
    public const double EarlyLeastShare = 0.8;

    /// <summary>A grid reading at most this old is one of the moment a probe begins.</summary>
    public static readonly TimeSpan FreshReading = TimeSpan.FromSeconds(1);

    /// <summary>Another connector cut by more than this under what its car drew disturbs the probe.</summary>
    public const double CutBelowDrawA = 0.5;

    /// <summary>How long its charger has to confirm each of the probe's two limits.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    private PhaseProbeRun? _run;

    /// <summary>Whether a probe holds the site's limits.</summary>
    public bool Running => _run is not null;

    /// <summary>The connector whose car a probe is probing, if one runs.</summary>
    public int? ProbedIndex => _run?.Index;

    /// <summary>The cut a probe asks of connector <paramref name="index"/> while that stage stands; null otherwise.</summary>
    public double? CutOf(int index) => _run is { FirstMask: 0 } run && run.Index == index ? run.CarCapA : null;

    /// <summary>The cap a probe puts on connector <paramref name="index"/> this cycle; +∞ while none runs.</summary>
    public double CapOf(int index) =>
        _run is not { } run ? double.PositiveInfinity : index == run.Index ? run.CarCapA : run.HeldA[index];

    /// <summary>
    /// Whether a limit for connector <paramref name="index"/> goes past its driver's back-off (<see cref="Drivers.Devices.IHasLimitBackOff"/>):
    /// the probed car's, while its charger has refused at most one limit in this stage. Every other raise on the site waits for
    /// the stage, and the back-off held a refused probe limit 5 s — twice a probe where a charger takes one profile in two (the
    /// real-timing e2e's CP4: 21 s, 11 of them back-off); a second refusal waits out the back-off, which the driver has doubled for it.
    /// </summary>
    public bool PassesBackOff(int index, ConnectorRuntime runtime)
    {
        if (_run is not { } run || run.Index != index)
        {
            return false;
        }

        var refused = 0;
        foreach (var epoch in runtime.History.Epochs)
        {
            refused += epoch.From >= run.StageAt && epoch.State is LimitEpochState.Rejected or LimitEpochState.Failed ? 1 : 0;
        }

        return refused <= 1;
    }

    /// <summary>Each cycle, before its caps: forgets what probes showed where it no longer stands; judges, or starts, a probe.</summary>
    public void Advance(SiteModel model, MeterReading? reading, bool gridStale, DateTimeOffset now)
    {
        ProbedPhases.ForgetWhereUnsure(model, gridStale, now);
        if (gridStale)
        {
            Stop();
            return;
        }

        // Each stage has its charger's answer time, the car's response and a reading: a meter that reads nothing plausible meanwhile
        // (not yet stale) must not hold the site's raises longer.
        if (_run is { } late && now - late.StageAt > AnswerTimeout + responseTime + Settle + Settle)
        {
            End(model.Connectors[late.Index], now, "the grid meter gave no reading to judge in time");
            return;
        }

        if (reading is null || !Plausible.MeterCurrents(reading.CurrentA))
        {
            return;
        }

        if (_run is { } run)
        {
            Step(model, run, reading, now);
        }
        else
        {
            TryStart(model, reading, now);
        }
    }

    private void TryStart(SiteModel model, MeterReading reading, DateTimeOffset now)
    {
        if (now - reading.Timestamp > FreshReading || !PhaseProbeStart.Judgeable(reading, PhaseProbeStart.LeastGridA)
            || !PhaseProbeStart.Settled(model, now, responseTime))
        {
            return;
        }

        var best = -1;
        var bestA = 0.0;
        for (var i = 0; i < model.Connectors.Count; i++)
        {
            if (PhaseProbeStart.FromLimitA(model.Connectors[i], model.ChargerOf(i), now) is { } limitA && limitA > bestA)
            {
                (best, bestA) = (i, limitA);
            }
        }

        if (best < 0)
        {
            return;
        }

        var cutToA = bestA - Math.Min(CutA, bestA - model.ChargerOf(best).MinCurrentA);
        var measured = MeasuredOthers.At(model, best, reading.Timestamp, freshFor);
        _run = PhaseProbeRun.Begin(model, best, bestA, cutToA, SiteModel.ToPhaseCurrents(reading.CurrentA), reading.Timestamp, measured, now);
        LogStarted(model.Connectors[best].ChargerId, model.Connectors[best].ConnectorId, bestA, cutToA);
    }

    private void Step(SiteModel model, PhaseProbeRun run, MeterReading reading, DateTimeOffset now)
    {
        var runtime = model.Connectors[run.Index];
        if (!runtime.Reachable || runtime.Status?.State != ConnectorState.Charging)
        {
            End(runtime, now, "its car or charger stopped charging");
            return;
        }

        if (OtherMoved(model, run, now) is { } why)
        {
            End(runtime, now, why, RetryAfterOthersMoved);
            return;
        }

        // The first limit its charger took since this stage began: its change. A refused one is skipped — its charger said it keeps
        // the limit it had, and the loop sends one again (counted as may be in force until then, as ever; the verdict reads the grid).
        var since = runtime.History.Epochs.Where(e => e.From >= run.StageAt && e.State != LimitEpochState.Rejected).ToList();
        if (since is [] || since[0].State == LimitEpochState.InFlight)
        {
            if (now - run.StageAt > AnswerTimeout)
            {
                End(runtime, now, "its charger did not take the limit in time");
            }

            return;
        }

        if (since[0] is not { State: LimitEpochState.Accepted, ConfirmedAt: { } confirmedAt } taken)
        {
            End(runtime, now, "its charger did not answer the limit");
            return;
        }

        if (since.Count > 1)
        {
            End(runtime, now, "its limit changed again before the grid was read");
            return;
        }

        var changeA = taken.LimitA - run.LimitBeforeA;
        if (Math.Abs(changeA) < LeastCutA)
        {
            End(runtime, now, string.Create(CultureInfo.InvariantCulture, $"it was given a change of {changeA:F1} A only"));
            return;
        }

        // The others measured fresh are taken out of the grid's move; one that cannot tell yet (its car still answering) is waited for.
        if (run.Measured.MoveSince(model, reading.Timestamp, freshFor, responseTime) is not { } othersMove)
        {
            return;
        }

        // A car elsewhere that moves every phase alike may have moved the grid since this stage's first reading: taken out, in one
        // stage at most (the other judged as ever, so two stages agree only on what one of them saw without it), at the response
        // time only and once that car's move has settled — an early verdict, or one from a stop whose phases had not all fallen
        // yet, must not agree with a lagging car's raise on too few phases.
        var alike = run.Alike.SettledBy > run.BeforeAt;
        if (alike && run.FirstAlike)
        {
            End(runtime, now, "a car elsewhere moved every phase alike in both its stages", RetryAfterOthersMoved);
            return;
        }

        if (alike && reading.Timestamp < run.Alike.SettledBy)
        {
            return;
        }

        var read = SiteModel.ToPhaseCurrents(reading.CurrentA);
        var after = new PhaseCurrents(read.L1A - othersMove.L1A, read.L2A - othersMove.L2A, read.L3A - othersMove.L3A);
        var judged = alike ? AlikeMoves.WithoutCommonMove(run.Before, after, changeA) : after;
        var answered = reading.Timestamp >= confirmedAt + responseTime + Settle;
        var mask = PhaseProbeStart.Judgeable(reading, PhaseProbeVerdict.StillA)
            ? PhaseProbeVerdict.ChargerPhases(run.Before, judged, changeA, model.RotationOf(run.Index), answered ? PhaseProbeVerdict.LeastShare : EarlyLeastShare)
            : 0;
        if (!answered && (alike || !AnsweredEarly(run, mask, reading.Timestamp)))
        {
            return;
        }

        var moves = string.Create(CultureInfo.InvariantCulture, $"{after.L1A - run.Before.L1A:F1}/{after.L2A - run.Before.L2A:F1}/{after.L3A - run.Before.L3A:F1} A")
            + (alike ? string.Create(CultureInfo.InvariantCulture, $" ({after.L1A - judged.L1A:F1} A of it on every phase, a car elsewhere)") : "");
        if (mask == 0)
        {
            End(runtime, now, $"a change of {changeA:F1} A moved the grid {moves}, as no one car would", alike || run.FirstAlike ? RetryAfterOthersMoved : null);
            return;
        }

        // A cut that moved all three phases places the car where it was counted anyway (every wired phase, the safe side): nothing
        // for a second stage to confirm, and the site's raises wait no longer. Fewer phases are raised back and judged again.
        if (run.FirstMask == 0 && mask != DrawEstimator.WiredMask(3))
        {
            // Raised back to where it was: the second change, judged the same way.
            run.FirstMask = mask;
            run.FirstJudgedEarly = !answered || alike;
            run.FirstAlike = alike;
            run.EarlyMask = 0;
            run.Before = read;
            run.BeforeAt = reading.Timestamp;
            run.Measured = MeasuredOthers.At(model, run.Index, reading.Timestamp, freshFor);
            run.LimitBeforeA = taken.LimitA;
            run.CarCapA = run.FromA;
            run.StageAt = now;
            return;
        }

        if (run.FirstMask != 0 && mask != run.FirstMask)
        {
            End(runtime, now, $"its cut moved charger phases {MaskText(run.FirstMask)}, its raise {MaskText(mask)} ({moves})", alike || run.FirstAlike ? RetryAfterOthersMoved : null);
            return;
        }

        // Fewer phases than wired are probed again in a while; a car on all three is counted so anyway.
        var again = mask == DrawEstimator.WiredMask(3) ? DateTimeOffset.MaxValue : now + ProbeAgainAfter;
        runtime.Car = runtime.Car with { PhaseMask = mask, KnownPhaseMask = mask, ProbedPhaseMask = mask, ProbesTried = 0, NextProbeAt = again };
        Stop();
        var phases = MaskText(mask);
        LogPlaced(runtime.ChargerId, runtime.ConnectorId, phases);
    }

    // Before the response time is out: a car that answered sooner (most do, in 1–3 s) shows nearly the whole change on its phases
    // and nothing on the others, reading after reading; one whose move has stood so for EarlyStable is judged at once, which
    // leaves a probe less time to be disturbed. A move not yet whole waits for the response time, as ever. Fewer phases than all
    // three are judged early only against a first stage judged at the response time: a car whose other phases lagged its L1 by
    // more than EarlyStable would show L1 alone in a cut judged early, and L1 alone again in the raise (judged from a reading
    // taken while the others were still falling) — two verdicts that agree on too few phases. Judged at the response time, by
    // which a car has answered on every phase (IEC 61851-1), the first stage would show all three, and the second cannot agree
    // on fewer. All three early is the safe side either way.
    private static bool AnsweredEarly(PhaseProbeRun run, int mask, DateTimeOffset readAt)
    {
        var mayJudgeEarly = mask == DrawEstimator.WiredMask(3) || (run.FirstMask != 0 && !run.FirstJudgedEarly);
        if (mask == 0 || !mayJudgeEarly || mask != run.EarlyMask)
        {
            (run.EarlyMask, run.EarlySince) = (mayJudgeEarly ? mask : 0, readAt);
            return false;
        }

        return readAt - run.EarlySince >= EarlyStable;
    }

    // Anything but the probed car that may have moved the grid meter since the probe began, but a move alike on every phase.
    private string? OtherMoved(SiteModel model, PhaseProbeRun run, DateTimeOffset now)
    {
        for (var j = 0; j < model.Connectors.Count; j++)
        {
            // Held, another connector's limit can only fall; under what its car drew, the car moves the meter too — unless its own
            // readings show the move (MeasuredOthers). A car reclaimed down to what it draws, or an idle connector's limit, moves
            // nothing (the verdict's tolerance holds the rest).
            var runtime = model.Connectors[j];
            if (run.Alike.Resumed(j, runtime))
            {
                return $"charger {runtime.ChargerId} connector {runtime.ConnectorId} stopped and charges again meanwhile";
            }

            var cut = j != run.Index && !run.Measured.Includes(j) && CutUnderSince(runtime.History.Epochs, run.StartedAt, run.DrawnAtStartA[j] - CutBelowDrawA);
            var changed = runtime.Status?.State != run.StatesAtStart[j];
            if ((!cut && !changed) || run.Alike.Takes(j, runtime, run.StartedAt, now, responseTime))
            {
                continue;
            }

            return cut
                ? $"charger {runtime.ChargerId} connector {runtime.ConnectorId} was cut under its draw meanwhile"
                : $"charger {runtime.ChargerId} connector {runtime.ConnectorId} changed state meanwhile";
        }

        return null;
    }

    // Whether a limit under underA was sent since: a plain loop, as it runs for every connector in every cycle of a probe.
    private static bool CutUnderSince(System.Collections.Immutable.ImmutableArray<LimitEpoch> epochs, DateTimeOffset since, double underA)
    {
        foreach (var epoch in epochs)
        {
            if (epoch.From >= since && epoch.LimitA < underA)
            {
                return true;
            }
        }

        return false;
    }

    private void End(ConnectorRuntime runtime, DateTimeOffset now, string why, TimeSpan? retryAfter = null)
    {
        Stop();
        var car = runtime.Car with { ProbesTried = runtime.Car.ProbesTried + 1, NextProbeAt = now + (retryAfter ?? RetryAfter) };

        // A verdict that could not be judged again MostTries times in a row no longer stands.
        runtime.Car = car.ProbesTried >= MostTries ? car.WithoutProbedPhases(DateTimeOffset.MaxValue) with { ProbesTried = MostTries } : car;
        LogEnded(runtime.ChargerId, runtime.ConnectorId, why);
    }

    // No probe runs any more: the probed car's limit is the plan's again (the grid meter turned stale: nothing to judge).
    private void Stop() => _run = null;

    private static string MaskText(int mask) =>
        string.Join('+', Enumerable.Range(0, 3).Where(k => (mask & (1 << k)) != 0).Select(k => $"L{k + 1}"));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Charger {ChargerId} connector {ConnectorId}: probing its car's phases, {FromA} A → {ToA} A, the other limits held")]
    private partial void LogStarted(string chargerId, int connectorId, double fromA, double toA);

    [LoggerMessage(Level = LogLevel.Information, Message = "Charger {ChargerId} connector {ConnectorId}: a probe through the grid meter shows its car on charger {Phases}; counted there while the meter is fresh")]
    private partial void LogPlaced(string chargerId, int connectorId, string phases);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Charger {ChargerId} connector {ConnectorId}: a probe of its car's phases ended without a verdict: {Why}")]
    private partial void LogEnded(string chargerId, int connectorId, string why);
}
