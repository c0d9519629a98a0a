namespace ChargeNet.LoadBalancer.Peak;

/// <summary>One capacity step: a billed peak of at least <paramref name="FromKw"/> pays <paramref name="PricePerMonth"/> a month.</summary>
public sealed record PowerTariffStep(double FromKw, double PricePerMonth);
