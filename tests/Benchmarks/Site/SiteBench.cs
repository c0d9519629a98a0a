using System.Diagnostics;
using System.Globalization;
using ChargeNet.SiteSimulator;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.Benchmarks.Site;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- site [--minutes M] [--seed S] [--sizes 20,200,1000] [--dead-times 1,2,5] [--fault silent|portclosed|exceptionanswer|frozen|notanumber] [--trace S] [--loss] [--unconfirmed] [--crowded] [--obedient] [--learn-phases] [--decrease-wait S] [--step-reserve S] [--refused-once] [--missed-read-hold S] [--one-call] [--answer-draw N] [--max-answer S] [--cancel-superseded] [--stop-on-record N] [--backoff] [--backoff-cut-retry S] [--rejecting-share S] [--pause-refusing-share S] [--no-energy-share S] [--no-report-requests] [--no-phase-probe] [--phaseless-site]</c>:
/// the real control loop on the closed-loop site simulator (tests/SiteSimulator), one run per size and
/// dead time, printing the issue-13 figures. 1,000 connectors run a third of the simulated time so the
/// whole table stays within a few minutes.
/// </summary>
public static class SiteBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = Option(args, "--minutes", 9.0);
        var seed = (int)Option(args, "--seed", 1);
        var sizes = List(args, "--sizes", [20, 200, 1000]);
        var deadTimes = List(args, "--dead-times", [1, 2, 5]);
        var faultAt = Array.IndexOf(args, "--fault");
        var fault = MeterFault.Silent;
        if (faultAt >= 0 && (faultAt + 1 >= args.Length || !Enum.TryParse(args[faultAt + 1], ignoreCase: true, out fault) || !Enum.IsDefined(fault) || fault == MeterFault.None))
        {
            Console.Error.WriteLine($"--fault takes one of {string.Join(", ", Enum.GetNames<MeterFault>().Skip(1))}");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"closed-loop site: {minutes:0.#} simulated minutes (a third for 1,000 connectors), seed {seed}; a +60 A step from 25 % of the run for 20 %; the grid meter {fault} from 55 % for 25 %; churn every 3 min"));
        Console.WriteLine("connectors  dead s  overload max A  after 1st min A  overload A·s/h  late rises  capacity use  within phases  changes >1 A /conn/min  pause/resume /conn/h  reaction s  fallback s (bound)  longest wait min  wall s  by window % (normal/stepped/after fault)  settled % (s)  6 A floor %  short pauses  under-estimate max A L1/L2/L3  under-estimate A·s/h L1/L2/L3");
        // A site of the property tests has its own number of connectors: one run per dead time, whatever --sizes says.
        var ownSize = args.Contains("--random-site") || args.Contains("--bad-values") || args.Contains("--phaseless-site");
        foreach (var size in ownSize ? sizes.Take(1) : sizes)
        {
            foreach (var deadTime in deadTimes)
            {
                // One +60 A step from a quarter of the run for a fifth of it, then the meter's fault from 55 % for a quarter.
                var duration = TimeSpan.FromMinutes(size >= 1000 ? minutes / 3 : minutes);
                var recipe = new SiteRecipe
                {
                    Seed = seed,
                    Connectors = (int)size,
                    DeadTime = TimeSpan.FromSeconds(deadTime),
                    FirstStepAt = duration * 0.25,
                    StepLength = duration * 0.2,
                    StepInterval = duration,
                    GridMeterFault = fault,
                    FaultAt = duration * 0.55,
                    FaultLength = duration * 0.25,
                };
                if (args.Contains("--unconfirmed"))
                {
                    // --unconfirmed: the site of UnconfirmedLimitTests (every charger OCPP, 30 % refuse, 30 % time out, answers up to 3 s), six minutes.
                    duration = TimeSpan.FromMinutes(6);
                    recipe = RandomRecipes.UnconfirmedLimits(seed, deadTime);
                }

                if (args.Contains("--random-site") || args.Contains("--bad-values"))
                {
                    // --random-site: a site of the property tests (RandomRecipes.Site: its own number of connectors, its own step, no meter
                    // fault; --fault is ignored), six minutes; --bad-values: the same with BadValueTests' bad values (15 % of the devices
                    // reporting impossible values, one NaN grid reading) — to trace what those tests see.
                    duration = TimeSpan.FromMinutes(6);
                    recipe = RandomRecipes.Site(seed, deadTime);
                    recipe = args.Contains("--bad-values") ? recipe with { ImpossibleValuesShare = 0.15, GridMeterFault = MeterFault.NotANumber } : recipe;
                }

                if (args.Contains("--phaseless-site"))
                {
                    // --phaseless-site: the site of PhaseProbeTests (RandomRecipes.Site with at most 30 connectors, a car on 30 % of them,
                    // every OCPP charger reporting one current without a phase and no energy register, every limit taken), six minutes.
                    duration = TimeSpan.FromMinutes(6);
                    recipe = RandomRecipes.Phaseless(seed, deadTime);
                }

                if (args.Contains("--crowded"))
                {
                    // --crowded: every connector has a car that stays, and nothing disturbs the site: taking turns.
                    recipe = recipe with { Occupancy = 1, ChurnShare = 0, TaperingShare = 0, FirstStepAt = duration * 2, GridMeterFault = MeterFault.None };
                }

                if (Option(args, "--answer-draw", 0) is var answerDraw and not 0)
                {
                    // --answer-draw N: the same site with its devices' answers drawn anew (SiteRecipe.AnswerDraw).
                    recipe = recipe with { AnswerDraw = (int)answerDraw };
                }

                if (Option(args, "--max-answer", -1) is var maxAnswerS and > 0)
                {
                    // --max-answer S: the OCPP chargers answer a SetChargingProfile within S seconds (3 by default): chargers that answer
                    // promptly, whose lost calls an overdue judgement tells early (docs/control-loop.md, "An overdue limit").
                    recipe = recipe with { MaxAnswer = TimeSpan.FromSeconds(maxAnswerS) };
                }

                if (args.Contains("--one-call"))
                {
                    // --one-call: every OCPP charger takes one call at a time, as the edge's driver sends them (OcppBehaviour.OneCallAtATime).
                    recipe = recipe with { OneCallAtATime = true };
                }

                if (args.Contains("--backoff") || args.Contains("--backoff-cut-retry"))
                {
                    // --backoff: the OCPP driver's back-off after a refusal stands before each OCPP charger, as shipped (a refused cut
                    // waits it out too); --backoff-cut-retry S: with OcppChargerSettings.LimitCutRetry S (a refused cut goes again S s after its send).
                    var cutRetry = Option(args, "--backoff-cut-retry", -1) is var retryS and >= 0 ? TimeSpan.FromSeconds(retryS) : recipe.BackOffCutRetry;
                    recipe = recipe with { DriverBackOff = true, BackOffCutRetry = cutRetry };
                }

                if (Option(args, "--rejecting-share", -1) is var rejectingShare and >= 0)
                {
                    // --rejecting-share S: this share of the OCPP chargers refuses half its limits (0.1 by default). The same draws
                    // otherwise, so the site is the seed's own with more refusing chargers — several on one grid phase (docs/control-loop-sessions.md, Session 20).
                    recipe = recipe with { RejectingShare = rejectingShare };
                }

                if (Option(args, "--pause-refusing-share", -1) is var pauseRefusingShare and >= 0)
                {
                    // --pause-refusing-share S: this share of the OCPP chargers refuses every pause (0 A) and takes its other limits —
                    // refusers by kind, not by coin; drawn apart, so the site is the seed's own otherwise (docs/control-loop-sessions.md, Session 22).
                    recipe = recipe with { PauseRefusingShare = pauseRefusingShare };
                }

                if (Option(args, "--no-energy-share", -1) is var noEnergyShare and >= 0)
                {
                    // --no-energy-share S: this share of the OCPP chargers sends no energy register (0 by default; the e2e's CP4): with
                    // one current without a phase, only a probe through the grid meter places their cars (docs/control-loop-sessions.md, Session 34).
                    recipe = recipe with { NoEnergyShare = noEnergyShare };
                }

                if (args.Contains("--obedient"))
                {
                    // --obedient (diagnosis): every charger answers and takes every limit, the same random draws otherwise —
                    // tells a charger's refusals and timeouts apart from the loop's own faults.
                    recipe = recipe with { RejectedRequests = 0, TimedOutRequests = 0 };
                }

                var wall = Stopwatch.StartNew();
                // --learn-phases: the loop learns each car's phases from its charger's reports (ControlLoopOptions.LearnCarPhases, off by default).
                // --decrease-wait S: a decrease unanswered S seconds counts as not taken (ControlLoopOptions.DecreaseAnswerWait; unset, off, by default).
                // --refused-once: a charger that refused its cut is counted once (ControlLoopOptions.CountRefusingChargerOnce, off by default).
                // --missed-read-hold S: a charger that missed its reads for at most S seconds keeps its limit (ControlLoopOptions.MissedReadHold; 5 s by default, 0 turns it off).
                // --step-reserve S: room kept ahead of a step (ControlLoopOptions.StepReserveShare, 0 by default).
                // --cancel-superseded: a cut gives up the unanswered send before it (ControlLoopOptions.CancelSupersededSend, off by default).
                // --stop-on-record N: a charger with N limits not taken of its last 16 has its car's session ended with its pause at a step
                // (ControlLoopOptions.SessionStopOnRefusalRecord, 0, off, by default; docs/control-loop-sessions.md, Session 21).
                // --no-report-requests: no TriggerMessage MeterValues once a car has answered a limit (ControlLoopOptions.AskForReportAfterLimit,
                // on by default; --report-requests, its old switch, is accepted and changes nothing).
                // --no-phase-probe: no probe of a car's phases through the grid meter (ControlLoopOptions.ProbeCarPhases, on by default).
                var options = new ControlLoopOptions
                {
                    LearnCarPhases = args.Contains("--learn-phases"),
                    DecreaseAnswerWait = Option(args, "--decrease-wait", 0) is var waitS and > 0 ? TimeSpan.FromSeconds(waitS) : null,
                    StepReserveShare = Option(args, "--step-reserve", 0),
                    CountRefusingChargerOnce = args.Contains("--refused-once"),
                    MissedReadHold = TimeSpan.FromSeconds(Option(args, "--missed-read-hold", new ControlLoopOptions().MissedReadHold.TotalSeconds)),
                    CancelSupersededSend = args.Contains("--cancel-superseded"),
                    SessionStopOnRefusalRecord = (int)Option(args, "--stop-on-record", 0),
                    AskForReportAfterLimit = !args.Contains("--no-report-requests"),
                    ProbeCarPhases = !args.Contains("--no-phase-probe"),
                };
                var recorder = new RecordingStrategy(new FairShareStrategy());
                await using var site = await ClosedLoopSite.StartAsync(recipe, recorder, options);
                var loss = new CapacityLossScore(site.Site, site.Time.GetUtcNow(), recorder);
                SiteTrace? trace = null;
                if (Option(args, "--trace", 0) is var traceS and > 0)
                {
                    // --trace S: a line of truth beside the loop's decisions every S simulated seconds (for diagnosis).
                    trace = new SiteTrace(Console.Out, TimeSpan.FromSeconds(traceS)) { Detail = args.Contains("--detail") };
                }

                site.Observer = s =>
                {
                    loss.Observe(s.Time.GetUtcNow(), ClosedLoopSite.PhysicsStep);
                    trace?.Observe(s);
                };

                var start = site.Time.GetUtcNow();
                await site.RunAsync(duration);
                var f = site.Figures();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(ownSize ? recipe.Connectors : size),10:0}  {deadTime,6:0}  {f.MaxOverloadA,14:0.0}  {f.MaxOverloadAfterWarmUpA,15:0.0}  {f.OverloadAsPerHour,14:0}  {f.LateRecoveries,4}/{f.Rises,-5}  {Percent(f.CapacityUse),12}  {Percent(f.CapacityUseCoupled),13}  {f.LimitChangesPerConnectorMinute,22:0.00}  {f.PauseResumePerConnectorHour,20:0.0}  {f.MaxReactionS,10:0.0}  {f.FallbackS,9:0.0} ({f.FallbackBoundS:0.0})  {f.LongestWaitS / 60,16:0.0}  {wall.Elapsed.TotalSeconds,6:0}  {string.Join('/', f.CapacityUseByWindow.Select(Percent))}  {Percent(f.CapacityUseSettled)} ({f.SettledSeconds:0})  {Percent(f.CapacityUseAboveMinimum)}  {f.ShortPauses,12}  {PerPhase(f.MaxUnderEstimateA, "0.0")}  {PerPhase(f.UnderEstimateAsPerHour, "0")}"));
                if (f.WorstOverload is { } worst && f.MaxOverloadA > 0)
                {
                    Console.WriteLine($"worst overload: {worst}");
                }

                // Each session the edge ended as a last resort (docs/control-loop-sessions.md, Session 20): which connector, when, its phase.
                foreach (var (connector, at) in site.Site.OcppChargers.SelectMany(c => c.SessionsEnded).OrderBy(e => e.At))
                {
                    var ended = site.Site.Physics.Connectors[connector];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"session ended by the edge: {ended.ChargerId} ({ended.CarPhases}-phase car, grid L{ended.GridPhaseOf[0] + 1}) at {(at - start).TotalSeconds:0.0} s"));
                }

                if (args.Contains("--loss"))
                {
                    // --loss: where the gap "could − drawn" went, per window (CapacityLossScore), in % of what could be drawn.
                    WriteLoss(loss.Shares());
                }
            }
        }

        return 0;
    }

    private static void WriteLoss(IReadOnlyList<GapShares?> shares)
    {
        for (var w = 0; w < shares.Count; w++)
        {
            if (shares[w] is { } s)
            {
                var causes = string.Join(' ', Enum.GetValues<GapCause>().Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} {100 * s.ByCause[(int)c]:0.00}")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loss {(SteadyWindow)w} gap {100 * s.Gap:0.00} {causes}"));
            }
        }
    }

    // The estimate of the load nobody controls under the truth, per grid phase (EstimateScore): one token, for site-sweep.sh.
    private static string PerPhase(IReadOnlyList<double> values, string format) =>
        string.Join('/', values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    private static string Percent(double? share) => share is { } s ? s.ToString("P0", CultureInfo.InvariantCulture) : "—";

    private static double Option(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static double[] List(string[] args, string name, double[] fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length
            ? [.. args[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))]
            : fallback;
    }
}
