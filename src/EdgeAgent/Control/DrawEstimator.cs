using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Estimates what a car draws between its charger's reports (docs/control-loop.md, "Estimating the
/// load nobody controls"). OCPP chargers report every 10–60 s and cars answer a new limit only after a dead
/// time of up to <c>responseTime</c>, so the draw is modelled from the limits sent: the car follows
/// its limit unless a report showed it taking less, on the phases it was seen on. A fresh reading
/// with no limit change in the response window is the draw itself.
/// </summary>
internal static class DrawEstimator
{
    /// <summary>A car that draws at least this much less than the least limit it was offered limits itself.</summary>
    public const double SelfLimitedBelowA = 1.0;

    // The balancer's own phase-detection thresholds (docs/load-balancing.md; the site never sets them): a car's phases
    // are learned here by the rule the balancer counts them by.
    /// <summary>A phase that carries at least this is one the car draws on.</summary>
    public const double PhaseInUseA = BalancerSettings.DefaultPhaseInUseA;

    /// <summary>A phase that carries less than this, while another carries <see cref="PhaseInUseA"/>, is one the car does not use.</summary>
    public const double PhaseIdleA = BalancerSettings.DefaultPhaseIdleA;

    /// <summary>
    /// Learns from a new report: whether the car takes what it is offered, and its phases — from the
    /// report's own phases, or for a charger that gives none, from its power (sampled with the current, or
    /// its energy counter's rise since <paramref name="earlier"/>) when no limit changed since that report.
    /// Its phases are known (for the balancer) from a report with phases taken while its limit was steady — a
    /// car answering a change may not carry every phase yet — or from its power; a phase seen since is added
    /// at once (a car that switches from one phase to three).
    /// </summary>
    public static CarDrawModel Learn(
        CarDrawModel previous, ConnectorStatus? earlier, ConnectorStatus status, LimitHistory history, TimeSpan responseTime, int wiredPhases)
    {
        if (!HasCurrents(status))
        {
            // No meter value yet (an OCPP charger's StatusNotification before its first MeterValues): nothing to learn.
            return previous with { ReportAt = status.Timestamp };
        }

        // The currents are judged at their own time: a StatusNotification re-stamps an older MeterValues' currents, and
        // judged against the limits around its time they made a car that had since been raised look self-limited.
        var currentsAt = status.CurrentsAt;
        var drawnA = status.CurrentA.Max;
        var (leastA, _) = history.InForce(currentsAt - responseTime, currentsAt, includeUnknown: true);
        double? appetiteA = drawnA < leastA - SelfLimitedBelowA ? drawnA : null;
        var mask = previous.PhaseMask;
        var known = previous.KnownPhaseMask;
        var probed = previous.ProbedPhaseMask;
        if (status.PhasesKnown && drawnA >= PhaseInUseA)
        {
            var currents = ToPhaseCurrents(status.CurrentA);
            mask = currents.PhasesCarrying(PhaseInUseA);
            var carrying = currents.PhasesCarrying(PhaseIdleA);
            var steady = !history.ChangedWithin(currentsAt - responseTime, currentsAt);
            known = steady ? carrying : known == 0 ? 0 : known | carrying;
            probed = 0;
        }
        else if (!status.PhasesKnown && PhasesFromItsPower(earlier, status, history, responseTime, wiredPhases) is var fromPower and not 0)
        {
            mask = fromPower;
            known = fromPower;
            probed = 0;
        }

        // What a probe showed stays until its charger's own reports tell the phases (PhaseProbe).
        return previous with { ReportAt = status.Timestamp, AppetiteA = appetiteA, PhaseMask = mask, KnownPhaseMask = known, ProbedPhaseMask = probed };
    }

    // A report without phases: the power its charger sampled with its current, and the energy counter's rise since the report
    // before it, each only where the car was free to draw what both reports show (PhasesFromPower); where both tell, the phases
    // of either — never fewer than one of them says.
    private static int PhasesFromItsPower(ConnectorStatus? earlier, ConnectorStatus status, LimitHistory history, TimeSpan responseTime, int wiredPhases)
    {
        if (earlier is null)
        {
            return 0;
        }

        var fromEnergy = PhasesFromEnergy.Steady(history, earlier, status, responseTime) ? PhasesFromEnergy.Mask(earlier, status, wiredPhases) : 0;
        var fromPower = PhasesFromPower.SampledSince(earlier, status, history, responseTime) ? PhasesFromPower.Mask(status, wiredPhases) : 0;
        return fromEnergy | fromPower;
    }

    /// <summary>
    /// The estimate at <paramref name="now"/>: the band of the draw at <paramref name="drawAt"/> (when
    /// the grid meter it is taken out of was read: a car that answers a limit between that reading
    /// and now is not yet in it) and the most it may draw from now on. <paramref name="countUnknownLimit"/>:
    /// whether a limit the charger held before it confirmed one of ours counts (for a car that may be
    /// drawing on it). A started or raised car counts at its new limit in the low end only once a report shows it up there
    /// or its response time is over (docs/control-loop-sessions.md, Session 19).
    /// </summary>
    public static DrawEstimate Estimate(
        ConnectorRuntime runtime, int wiredPhases, DateTimeOffset now, DateTimeOffset drawAt, TimeSpan responseTime, TimeSpan freshFor, bool countUnknownLimit)
    {
        var history = runtime.History;
        var status = runtime.Status;
        drawAt = drawAt > now ? now : drawAt;
        var (_, mostA) = history.InForce(SettledSince(history, status, now - responseTime, reached: false), now, countUnknownLimit);
        var (_, mostThenA) = history.InForce(SettledSince(history, status, drawAt - responseTime, reached: false), drawAt, countUnknownLimit);
        var (leastA, _) = history.InForce(SettledSince(history, status, drawAt - responseTime, reached: true), drawAt, countUnknownLimit);

        // Fresh by its currents' own time, not the status's (a StatusNotification carries none: docs/control-loop-sessions.md, Session 25).
        var fresh = status is not null && HasCurrents(status) && now - status.CurrentsAt <= freshFor;
        if (fresh && status!.PhasesKnown && !history.ChangedWithin(status.CurrentsAt - responseTime, now))
        {
            var measured = ToPhaseCurrents(status.CurrentA);
            return new DrawEstimate(AtMost(measured, mostA), measured, Math.Max(mostA, measured.MaxA));
        }

        var car = runtime.Car;
        var appetiteA = car.AppetiteA ?? double.PositiveInfinity;
        var mask = car.PhaseMask != 0 ? car.PhaseMask : WiredMask(wiredPhases);
        var high = OnPhases(mask, Math.Min(mostThenA, appetiteA));

        var low = OnPhases(mask, Math.Min(leastA, appetiteA));
        if (!fresh)
        {
            return new DrawEstimate(low, high, mostA);
        }

        // A fresh reading in a transition: the band holds it too (a reading without phases, on the car's).
        var reading = status!.PhasesKnown ? ToPhaseCurrents(status.CurrentA) : OnPhases(mask, status.CurrentA.Max);
        return new DrawEstimate(
            new PhaseCurrents(Math.Min(low.L1A, reading.L1A), Math.Min(low.L2A, reading.L2A), Math.Min(low.L3A, reading.L3A)),
            PhaseCurrents.Max(high, reading),
            Math.Max(mostA, reading.MaxA));
    }

    // The low end of a steady reading: no more than the limits that may be in force now let the car draw (the reading is
    // of now, not of the grid meter's reading, which in the fallback may be long past). A status's currents may be an older
    // MeterValues' (an OCPP StatusNotification carries none): a car the loop paused, or one that started again on its own
    // under a lower limit than it drew before stopping, would otherwise count at that old draw, making the load nobody
    // controls look that much smaller (docs/control-loop-sessions.md, Session 18, "A paused car").
    private static PhaseCurrents AtMost(PhaseCurrents measured, double mostA) =>
        new(Math.Min(measured.L1A, mostA), Math.Min(measured.L2A, mostA), Math.Min(measured.L3A, mostA));

    // A reading taken after the newest confirmed limit that shows the car within it proves the car
    // has come down: older, higher limits no longer count from then on (a Modbus charger read every
    // second frees what a decrease gave back long before the response time is over). For the low end (<paramref name="reached"/>)
    // the reading must also show the car up at that limit: a car still under a limit just raised or started has not risen
    // yet, so older, lower limits count until it is seen up or its response time is over — counted early, it made the
    // load nobody controls read low by the rise, and other cars were started into room that was not there
    // (docs/control-loop-sessions.md, Session 14, "A start counted early"; Session 18, seed 46; Session 19).
    private static DateTimeOffset SettledSince(LimitHistory history, ConnectorStatus? status, DateTimeOffset from, bool reached)
    {
        if (status is null || status.CurrentsAt <= from || history.Confirmed is not { } confirmed)
        {
            return from;
        }

        var drawnA = status.CurrentA.Max;
        var within = drawnA <= confirmed.LimitA + SelfLimitedBelowA && (!reached || drawnA >= confirmed.LimitA - SelfLimitedBelowA);
        return within && confirmed.ConfirmedAt is { } at && status.CurrentsAt >= at ? status.CurrentsAt : from;
    }

    // An OCPP charger's currents are measured at DateTimeOffset.MinValue until its first MeterValues (ConnectorStatus.CurrentsMeasuredAt).
    private static bool HasCurrents(ConnectorStatus status) => status.CurrentsAt != DateTimeOffset.MinValue;

    public static int WiredMask(int wiredPhases) => wiredPhases == 1 ? 0b001 : 0b111;

    /// <summary>
    /// The charger phases <paramref name="runtime"/>'s car counts on though nothing showed it drawing there
    /// (<see cref="ConnectorInput.UnsurePhaseMask"/>): L2 and L3 of a three-phase charger that reports one current without a
    /// phase, while nothing placed its car — only L1 surely carries it (IEC 61851-1). 0 for every other, and while the charger's
    /// own limit from before one of ours may still be in force (within <paramref name="responseTime"/> of <paramref name="now"/>):
    /// under it the car may draw anything from 0, and counted at that 0 on two phases, a start-up whose cars still drew their
    /// chargers' defaults looked like a base load the whole fuse could not carry — every car paused, and started again seconds
    /// later (the real-timing e2e, Session 35).
    /// </summary>
    public static int UnsurePhases(ConnectorRuntime runtime, int wiredPhases, DateTimeOffset now, TimeSpan responseTime)
    {
        if (wiredPhases != 3 || runtime.Car.PhaseMask != 0 || runtime.Status is not { PhasesKnown: false } status || !HasCurrents(status))
        {
            return 0;
        }

        foreach (var epoch in runtime.History.Epochs)
        {
            if (epoch.State == LimitEpochState.Unknown && epoch.MayOverlap(now - responseTime, now))
            {
                return 0;
            }
        }

        return 0b110;
    }

    private static PhaseCurrents OnPhases(int mask, double currentA) => new(
        (mask & 1) != 0 ? currentA : 0,
        (mask & 2) != 0 ? currentA : 0,
        (mask & 4) != 0 ? currentA : 0);

    private static PhaseCurrents ToPhaseCurrents(PhaseValues values) => new(values.L1, values.L2, values.L3);
}
