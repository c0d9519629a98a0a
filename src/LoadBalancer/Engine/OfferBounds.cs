namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// The most a participating connector may be offered in this cycle, before the circuits are
/// considered: its maximum, the per-charger curtailment, the energy it still needs, a wait for
/// cheaper energy, reclaim and the ramp limit — with the reason of the lowest.
/// </summary>
internal static partial class OfferBounds
{
    public static double Upper(
        ref ConnectorMemory memory,
        ConnectorInput connector,
        SiteSnapshot snapshot,
        int phaseCount,
        double lowA,
        out AllocationReason reason)
    {
        var settings = snapshot.Settings;
        var voltageV = settings.NominalVoltageV;
        var highA = Steps.Down(connector.MaxCurrentA, connector.StepA);
        reason = AllocationReason.AtMaximum;

        if (snapshot.Constraints.PerChargerCapKw is { } capKw)
        {
            Lower(ref highA, ref reason, capKw * 1000 / (voltageV * phaseCount), AllocationReason.ChargerCurtailment);
        }

        if (settings.EnergyCapPeriod is { } period && connector.EnergyWantedWh is { } wantedWh)
        {
            var needA = wantedWh <= 0 ? 0 : Math.Max(lowA, wantedWh / (voltageV * phaseCount * period.TotalHours));
            Lower(ref highA, ref reason, needA, AllocationReason.EnergyNeeded);
        }

        if (connector.WaitsForCheaperEnergy)
        {
            Lower(ref highA, ref reason, 0, AllocationReason.CheapHours);
        }

        if (settings.ReclaimEnabled)
        {
            Reclaim(ref memory, connector, settings, lowA, ref highA, ref reason);
        }

        if (settings.RampUpAPerSecond is { } rampAPerS)
        {
            var elapsedS = Math.Max(0, (snapshot.Time - connector.LastLimitAt).TotalSeconds);
            Lower(ref highA, ref reason, Math.Max(lowA, connector.LastLimitA + (rampAPerS * elapsedS)), AllocationReason.RampLimit);
        }

        return Steps.Down(highA, connector.StepA);
    }

    private static void Reclaim(ref ConnectorMemory memory, ConnectorInput connector, BalancerSettings settings, double lowA, ref double highA, ref AllocationReason reason)
    {
        var active = connector.Activity is ConnectorActivity.Charging or ConnectorActivity.SuspendedByCar;
        if (!active || connector.LastLimitA <= 0)
        {
            memory.Reclaimed = false;
            memory.Following = false;
            memory.FloorSeenLimitAt = default;
            return;
        }

        var drawA = connector.MeasuredCurrentA.MaxA;
        var readAt = connector.CurrentsReadAt ?? connector.MeasuredAt;
        TrackFloor(ref memory, connector, settings, drawA);
        var settled = connector.MeasuredAt - connector.LastLimitAt >= settings.ReclaimSettleTime;

        // Well under every limit it has held for the settle time before its charger read it — since its floor began, or since its
        // newest limit (a car 1–2 A under its floor keeps the floor, and is judged against a newer, higher limit alone): it limits
        // itself. Judged on the loop's time after its newest limit instead, a charger that reads once a minute had its car held
        // down on a reading taken under an older, lower limit (docs/control-loop-sessions.md, Session 41).
        var underFloor = readAt - memory.FloorSince >= settings.ReclaimSettleTime && drawA < memory.FloorA - settings.ReclaimThresholdA;
        var underNewest = readAt - connector.LastLimitAt >= settings.ReclaimSettleTime && drawA < connector.LastLimitA - settings.ReclaimThresholdA;
        double boundA;
        if (memory.Reclaimed && Follow(ref memory, connector, settings, drawA, readAt, settled) is { } followA)
        {
            boundA = followA;
        }
        else if (underFloor || underNewest)
        {
            boundA = drawA + settings.ReclaimMarginA;
            if (!memory.Reclaimed || drawA > memory.HeldFromA)
            {
                HeldFrom(ref memory, drawA, readAt);
            }

            memory.Reclaimed = true;
            memory.HeldA = Math.Max(boundA, lowA);
        }
        else if (!memory.Reclaimed)
        {
            return;
        }
        else
        {
            // Held down: offer more step by step once the car shows it takes what it has. Judged by "within the threshold"
            // instead, a car held at its draw plus the margin was raised at once and held down again: a limit that moved
            // by the step every settle time, forever, for a car that limits itself (docs/control-loop-sessions.md, Session 22).
            var usesAll = drawA >= connector.LastLimitA - settings.ReclaimUsesAllWithinA;
            boundA = settled && usesAll ? connector.LastLimitA + settings.ReclaimStepA : connector.LastLimitA;
        }

        boundA = Math.Max(boundA, lowA);
        if (boundA >= highA)
        {
            memory.Reclaimed = false;
            memory.Following = false;
            return;
        }

        Lower(ref highA, ref reason, boundA, AllocationReason.Reclaimed);
    }

    // A new limit no lower than a floor the car did not take all of keeps the window: it has been offered at least the floor
    // all along, so a car that still draws well under it limits itself. Judged only from its newest limit, a tapering car
    // raised with the others every few seconds never stood the settle time and held its unused offer (the real-timing run's
    // CP1, 70–100 s; docs/control-loop-sessions.md, Session 41). A limit under the floor, or over one the car took all of, starts the
    // window again.
    private static void TrackFloor(ref ConnectorMemory memory, ConnectorInput connector, BalancerSettings settings, double drawA)
    {
        if (connector.LastLimitAt == memory.FloorSeenLimitAt)
        {
            return;
        }

        var keepsUnusedFloor = memory.FloorSeenLimitAt != default
            && connector.LastLimitA >= memory.FloorA
            && drawA < memory.FloorA - settings.ReclaimUsesAllWithinA;
        if (!keepsUnusedFloor)
        {
            memory.FloorA = connector.LastLimitA;
            memory.FloorSince = connector.LastLimitAt;
        }

        memory.FloorSeenLimitAt = connector.LastLimitAt;
    }

    private static void Lower(ref double highA, ref AllocationReason reason, double boundA, AllocationReason boundReason)
    {
        if (boundA < highA)
        {
            highA = boundA;
            reason = boundReason;
        }
    }
}
