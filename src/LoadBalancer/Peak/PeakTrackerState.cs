namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// What a <see cref="PeakTracker"/> knows of the month so far, to be kept across a restart
/// (docs/load-balancing.md, "Peak target"): the open window and its energy, the month it is in, the
/// highest counted windows (W, highest first) and, with one window a day, each day's highest.
/// </summary>
public sealed record PeakTrackerState(
    DateTimeOffset WindowStart,
    double WindowEnergyWs,
    int Year,
    int Month,
    IReadOnlyList<double> HighestW,
    IReadOnlyDictionary<DateOnly, double> DayHighestW);
