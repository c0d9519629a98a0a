namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// One cycle's peak target (docs/load-balancing.md, "Peak target"): the window average aimed at
/// (<paramref name="LevelW"/>), the site power allowed for the rest of the window so that its average
/// stays at that level (<paramref name="CapW"/>; null when the window is not billed), what is already
/// paid this month (<paramref name="FreeLevelW"/>), what the cars' departures need
/// (<paramref name="RequiredW"/>, load nobody controls included) and the month's billed peak so far.
/// <paramref name="Raised"/>: the departures need more than is already paid, so the bill will rise.
/// </summary>
public sealed record PeakTargetDecision(double LevelW, double? CapW, double FreeLevelW, double RequiredW, double BilledPeakW, bool Raised);
