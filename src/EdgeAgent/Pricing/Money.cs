namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>The one rounding of money (docs/pricing.md): to 2 decimals, half away from zero.</summary>
public static class Money
{
    public static decimal Round(decimal exact) => decimal.Round(exact, 2, MidpointRounding.AwayFromZero);

    /// <summary>The VAT included in <paramref name="total"/>: total × rate / (100 + rate), rounded.</summary>
    public static decimal VatIncluded(decimal total, decimal vatPercent) => Round(total * vatPercent / (100 + vatPercent));
}
