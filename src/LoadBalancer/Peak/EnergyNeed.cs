namespace ChargeNet.LoadBalancer.Peak;

/// <summary>One car's need: the energy it still wants (Wh), the most power it takes (W) and when it leaves.</summary>
public readonly record struct EnergyNeed(double RemainingWh, double MaxPowerW, DateTimeOffset Departure);
