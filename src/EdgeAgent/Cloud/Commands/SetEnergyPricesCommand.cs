using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// <c>set-energy-prices</c> {currency, prices:[{from,to,pricePerKwh}]}: spot prices that tariffs with
/// a <c>spot</c> link price energy by (docs/pricing.md). Refused whole when any price is wrong or the
/// currency is not the site's; kept in the store before the answer.
/// </summary>
public sealed class SetEnergyPricesCommand(SpotPrices prices, SiteConfigurationService configuration) : ICloudCommand
{
    public string Name => "set-energy-prices";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        CommandArguments.RequiredString(command, "id");
        if (!SpotPricePayload.TryRead(command, out var received, out var error))
        {
            throw new CloudCommandException(error);
        }

        if (configuration.Current?.Site.Pricing is { Currency: var currency } && currency != received.Currency)
        {
            throw new CloudCommandException($"'currency' {received.Currency} is not the site's currency ({currency}); nothing was kept");
        }

        if (received.Prices.Max(p => p.To) <= prices.OldestKept)
        {
            throw new CloudCommandException($"every price ended before {prices.OldestKept:O}: prices are kept for {SpotPrices.Kept.TotalDays} days; nothing was kept");
        }

        var table = await prices.ApplyAsync(received, cancellationToken).ConfigureAwait(false);
        return CommandResults.Of(new JsonObject
        {
            ["received"] = received.Prices.Count,
            ["from"] = received.Prices[0].From,
            ["to"] = received.Prices.Max(p => p.To),
            ["known"] = table.Prices.Count,
        });
    }
}
