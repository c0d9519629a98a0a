namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// Decides the site power target of each cycle (docs/load-balancing.md, "Peak target"): the level is
/// what this month's bill has already paid for (<see cref="PeakTracker.FreeLevelW"/>), raised to what
/// the cars' departures require (<see cref="DepartureRequirement"/>) plus the load nobody controls,
/// and never above the connection's ceiling (the fuse); the cap for this moment is what keeps the
/// open window's average at that level given the energy it has already had. Cars without a departure
/// are planned to leave <see cref="BalancerSettings.AssumedStay"/> after they plugged in (an assumed
/// departure that has passed counts as due within the next cycle); without one they are left out of
/// the requirement and share what the target allows.
/// </summary>
public static class PeakTargetPlanner
{
    /// <param name="tracker">The site's power so far this month, fed up to <paramref name="now"/>.</param>
    /// <param name="snapshot">The connectors, their needs and departures, and the settings.</param>
    /// <param name="baseLoadW">The site's load nobody controls now (W).</param>
    /// <param name="ceilingW">The most the connection allows (W): the target is never above it.</param>
    /// <param name="cycle">The control period: the soonest a new limit takes effect.</param>
    /// <param name="needs">Scratch for the cars' needs (at least one per connector); no allocation per call.</param>
    public static PeakTargetDecision Decide(PeakTracker tracker, SiteSnapshot snapshot, double baseLoadW, double ceilingW, TimeSpan cycle, Span<EnergyNeed> needs)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = snapshot.Time;
        tracker.AdvanceTo(now);
        var count = 0;
        foreach (var connector in snapshot.Connectors)
        {
            if (NeedOf(connector, snapshot.Settings, now, cycle) is { } need)
            {
                needs[count++] = need;
            }
        }

        var requiredW = Math.Max(0, baseLoadW) + DepartureRequirement.RequiredW(now, needs[..count], cycle);
        var freeW = tracker.FreeLevelW;
        var billedW = tracker.BilledPeakW;
        if (!double.IsFinite(freeW))
        {
            return new PeakTargetDecision(ceilingW, null, freeW, requiredW, billedW, Raised: false);
        }

        var levelW = Math.Min(ceilingW, Math.Max(freeW, requiredW));
        var window = tracker.Tariff.Window;
        var elapsed = now - tracker.WindowStart!.Value;
        var leftS = Math.Max((window - elapsed).TotalSeconds, cycle.TotalSeconds);
        var capW = (levelW * window.TotalSeconds - tracker.WindowEnergyWs) / leftS;
        capW = Math.Clamp(capW, 0, ceilingW);
        return new PeakTargetDecision(levelW, capW, freeW, requiredW, billedW, Raised: requiredW > freeW);
    }

    private static EnergyNeed? NeedOf(ConnectorInput connector, BalancerSettings settings, DateTimeOffset now, TimeSpan cycle)
    {
        if (connector.Activity is ConnectorActivity.Available or ConnectorActivity.Faulted or ConnectorActivity.Unavailable
            || connector.EnergyWantedWh is not { } wantedWh || wantedWh <= 0)
        {
            return null;
        }

        var departure = connector.DepartureAt
            ?? (settings.AssumedStay is { } stay && connector.SessionStartedAt is { } start ? start + stay : null);
        if (departure is null)
        {
            return null;
        }

        var maxW = connector.MaxCurrentA * settings.NominalVoltageV * connector.WiredPhases;
        return new EnergyNeed(wantedWh, maxW, departure.Value > now ? departure.Value : now + cycle);
    }
}
