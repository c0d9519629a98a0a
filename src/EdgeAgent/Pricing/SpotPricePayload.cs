using System.Globalization;
using System.Text.Json;

namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>
/// Reads the cloud's <c>set-energy-prices</c> payload, <c>{"id","currency","prices":[{"from","to","pricePerKwh"}]}</c>
/// (docs/mqtt.md, docs/pricing.md), refusing it whole with the first problem named by its path.
/// </summary>
public static class SpotPricePayload
{
    /// <summary>31 days of quarter-hours: more than a month ahead is not a price list.</summary>
    public const int MaxPrices = 31 * 96;

    /// <summary>A spot price beyond this (per kWh, either sign) is a mistake, not a price.</summary>
    public const decimal MaxAbsolutePrice = 1_000_000m;

    public static bool TryRead(JsonElement payload, out SpotPriceTable table, out string error)
    {
        table = SpotPriceTable.Empty;
        error = Read(payload, out var currency, out var prices) ?? "";
        if (error.Length > 0)
        {
            return false;
        }

        var sorted = prices.OrderBy(p => p.Price.From).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Price.From < sorted[i - 1].Price.To)
            {
                error = $"prices[{sorted[i].Index}] overlaps prices[{sorted[i - 1].Index}]";
                return false;
            }
        }

        table = SpotPriceTable.Of(currency, sorted.Select(p => p.Price));
        return true;
    }

    private static string? Read(JsonElement payload, out string currency, out List<(int Index, SpotPrice Price)> prices)
    {
        currency = "";
        prices = [];
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return "the payload must be a JSON object";
        }

        if (!payload.TryGetProperty("currency", out var c) || c.ValueKind != JsonValueKind.String
            || c.GetString() is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper))
        {
            return "'currency' is required: an ISO 4217 code such as SEK";
        }

        currency = code;
        if (!payload.TryGetProperty("prices", out var list) || list.ValueKind != JsonValueKind.Array
            || list.GetArrayLength() is 0 or > MaxPrices)
        {
            return $"'prices' is required: a list of 1 to {MaxPrices} {{from, to, pricePerKwh}}";
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"prices[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{path} must be an object {{from, to, pricePerKwh}}";
            }

            if (Time(item, "from", path, out var from) is { } fromError)
            {
                return fromError;
            }

            if (Time(item, "to", path, out var to) is { } toError)
            {
                return toError;
            }

            if (to <= from)
            {
                return $"{path}.to must be after {path}.from";
            }

            if (!item.TryGetProperty("pricePerKwh", out var p) || p.ValueKind != JsonValueKind.Number
                || !p.TryGetDecimal(out var price) || Math.Abs(price) > MaxAbsolutePrice)
            {
                return $"{path}.pricePerKwh is required: a number from -{MaxAbsolutePrice} to {MaxAbsolutePrice}";
            }

            prices.Add((i, new SpotPrice(from, to, price)));
            i++;
        }

        return null;
    }

    private static string? Time(JsonElement item, string name, string path, out DateTimeOffset time)
    {
        time = default;
        // An explicit offset (Z or ±hh:mm): a local time without one would be read in the edge's zone.
        return item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            && (text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            ? null
            : $"{path}.{name} is required: an ISO 8601 time with its offset, e.g. 2026-03-29T01:00:00+01:00";
    }
}
