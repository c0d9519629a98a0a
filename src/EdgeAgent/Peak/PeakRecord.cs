using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// The month's power windows as kept across a restart (docs/load-balancing.md, "The peak target in
/// the daemon"): under which tariff shape they were counted (<paramref name="TariffKey"/>), when, the
/// site power last measured, the site's windows and those of the estimate without control.
/// </summary>
public sealed record PeakRecord(string TariffKey, DateTimeOffset SavedAt, double LastPowerW, PeakTrackerState Site, PeakTrackerState? Uncontrolled, double LastUncontrolledW);
