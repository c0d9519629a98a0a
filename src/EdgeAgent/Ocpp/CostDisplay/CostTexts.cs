using System.Globalization;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Ocpp.CostDisplay;

/// <summary>The lines of text a charger's display shows for a cost, the same whatever the OCPP version.</summary>
public static class CostTexts
{
    /// <summary>A finished session's cost, e.g. "Total 23.00 SEK incl. 4.60 VAT for 4.000 kWh".</summary>
    public static string Final(SessionCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return string.Create(CultureInfo.InvariantCulture, $"Total {cost.Total:0.00} {cost.Currency} incl. {cost.Vat:0.00} VAT for {cost.EnergyWh / 1000:0.000} kWh");
    }

    /// <summary>The price now as an idle display shows it, e.g. "4.50 SEK/kWh, 5.00 SEK per session, idle 60.00 SEK/h after 30 min (incl. VAT)".</summary>
    public static string PriceBoard(PriceNow price)
    {
        ArgumentNullException.ThrowIfNull(price);
        return price.Text() + " (incl. VAT)"; // with no driver at hand, the board says what every price includes (docs/pricing.md)
    }
}
