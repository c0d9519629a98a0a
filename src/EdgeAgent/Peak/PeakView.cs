namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// The site's own bill after a cycle (the <c>peak</c> object of the status and the telemetry,
/// docs/api.md and docs/mqtt.md): this month's billed peak, the target, what control saves.
/// </summary>
/// <param name="Month">The tariff zone's month, <c>yyyy-MM</c>.</param>
/// <param name="WindowMinutes">The tariff's averaging window.</param>
/// <param name="WindowCounts">Whether the open window counts for the bill (within the tariff's hours and days).</param>
/// <param name="BilledPeakKw">This month's billed peak so far (the open window at what it has reached).</param>
/// <param name="TargetKw">The window average aimed at; null while the window does not count.</param>
/// <param name="CapKw">The site power allowed now, so that the window's average stays at the target; null while the window does not count.</param>
/// <param name="PaidKw">The level already paid this month (the open window may reach it for free); null while the window does not count.</param>
/// <param name="RequiredKw">What the cars' departures need, load nobody controls included.</param>
/// <param name="Raised">The departures need more than is paid: the target, and the bill, rise.</param>
/// <param name="UncontrolledPeakKw">The month's billed peak had every car drawn what it could (an estimate: docs/load-balancing.md).</param>
/// <param name="PricePerKw">The tariff's price per kW of billed peak, per month.</param>
/// <param name="Currency">The tariff's currency; null when it names none.</param>
/// <param name="Saving">What the month's bill is lower by: the charge of <paramref name="UncontrolledPeakKw"/> less that of <paramref name="BilledPeakKw"/>.</param>
public sealed record PeakView(
    string Month,
    int WindowMinutes,
    bool WindowCounts,
    double BilledPeakKw,
    double? TargetKw,
    double? CapKw,
    double? PaidKw,
    double RequiredKw,
    bool Raised,
    double UncontrolledPeakKw,
    double PricePerKw,
    string? Currency,
    double Saving);
