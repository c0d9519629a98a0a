namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>A capacity step: a billed peak of at least <see cref="FromKw"/> pays <see cref="PricePerMonth"/>.</summary>
public sealed record PowerTariffStepSettings
{
    public double FromKw { get; init; }

    public double PricePerMonth { get; init; }
}
