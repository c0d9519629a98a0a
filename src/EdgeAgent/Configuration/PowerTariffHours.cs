namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The local hours a power tariff counts: from <see cref="From"/>:00 up to <see cref="To"/>:00.</summary>
public sealed record PowerTariffHours
{
    public int From { get; init; }

    public int To { get; init; } = 24;
}
