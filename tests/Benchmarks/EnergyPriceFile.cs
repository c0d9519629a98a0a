using System.Globalization;
using System.Text.Json;

namespace ChargeNet.Benchmarks;

/// <summary>
/// Energy prices for the peak benchmark (docs/load-balancing.md, "Peak target"), in the shape of the
/// cloud's <c>set-energy-prices</c> command:
/// <c>{"currency","prices":[{"from","to","pricePerKwh"}]}</c>, periods in time order without overlap.
/// A moment no period covers has no price (its energy is counted apart).
/// </summary>
internal sealed class EnergyPriceFile
{
    private readonly (DateTimeOffset From, DateTimeOffset To, double PricePerKwh)[] _prices;

    private EnergyPriceFile(string currency, (DateTimeOffset, DateTimeOffset, double)[] prices)
    {
        Currency = currency;
        _prices = prices;
    }

    public string Currency { get; }

    /// <exception cref="FormatException">The file is not of that shape; the message names the place.</exception>
    public static EnergyPriceFile Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var currency = root.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new FormatException("$.currency: a string is required");
        if (!root.TryGetProperty("prices", out var prices) || prices.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("$.prices: an array is required");
        }

        var list = new List<(DateTimeOffset, DateTimeOffset, double)>();
        var i = 0;
        foreach (var price in prices.EnumerateArray())
        {
            var from = Time(price, "from", i);
            var to = Time(price, "to", i);
            var perKwh = price.TryGetProperty("pricePerKwh", out var p) && p.ValueKind == JsonValueKind.Number && double.IsFinite(p.GetDouble())
                ? p.GetDouble()
                : throw new FormatException($"$.prices[{i}].pricePerKwh: a number is required");
            if (to <= from || (list.Count > 0 && from < list[^1].Item2))
            {
                throw new FormatException($"$.prices[{i}]: periods must be in time order, each 'to' after its 'from', without overlap");
            }

            list.Add((from, to, perKwh));
            i++;
        }

        return new EnergyPriceFile(currency, [.. list]);
    }

    /// <summary>The price at <paramref name="time"/>, or null when no period covers it.</summary>
    public double? PriceAt(DateTimeOffset time)
    {
        var (low, high) = (0, _prices.Length - 1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (time < _prices[mid].From)
            {
                high = mid - 1;
            }
            else if (time >= _prices[mid].To)
            {
                low = mid + 1;
            }
            else
            {
                return _prices[mid].PricePerKwh;
            }
        }

        return null;
    }

    private static DateTimeOffset Time(JsonElement price, string name, int i) =>
        price.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"$.prices[{i}].{name}: a date-time with offset is required");
}
