namespace ChargeNet.LoadBalancer.Peak;

/// <summary>One month's billed peak (W) under a <see cref="PowerTariff"/> and the window averages it was formed from, highest first.</summary>
public sealed record MonthlyPeak(int Year, int Month, double BilledW, IReadOnlyList<double> CountedW);
