using System.Globalization;
using System.Text;
using System.Text.Json;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Ocpp.CostDisplay;

/// <summary>
/// The Open Charge Alliance "California Pricing" messages for OCPP 1.6 (docs/pricing.md, "The price on
/// the charger"): DataTransfer with vendorId <see cref="VendorId"/>, a messageId, and <c>data</c> a JSON
/// text. Pure: the figures come from the cost engine as they are (money with 2 decimals, incl. VAT).
/// </summary>
public static class CaliforniaPricingMessages
{
    public const string VendorId = "org.openchargealliance.costmsg";

    /// <summary>The 1.6 configuration key a charger that shows these messages reads <c>true</c>.</summary>
    public const string CapabilityKey = "CustomDisplayCostAndPrice";

    /// <summary>The price for one driver, once the idTag is accepted: <c>{"idToken","priceText"}</c>.</summary>
    public static CostDisplayMessage SetUserPrice(string chargerId, string idTag, PriceNow price) =>
        new(chargerId, "SetUserPrice", Json(w =>
        {
            w.WriteString("idToken", idTag);
            w.WriteString("priceText", price.Text());
        }));

    /// <summary>
    /// The cost so far: <c>{"transactionId","timestamp","meterValue","cost","state","chargingPrice":{"kWhPrice","hourPrice","flatFee"},"idlePrice"?:{"graceMinutes","hourPrice"}}</c>;
    /// <c>meterValue</c> is the energy register in Wh.
    /// </summary>
    public static CostDisplayMessage RunningCost(string chargerId, int transactionId, DateTimeOffset at, decimal meterWh, bool charging, SessionCost cost, PriceNow price) =>
        new(chargerId, "RunningCost", Json(w =>
        {
            w.WriteNumber("transactionId", transactionId);
            w.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteNumber("meterValue", (long)decimal.Floor(meterWh));
            w.WriteNumber("cost", cost.Total);
            w.WriteString("state", charging ? "Charging" : "Idle");
            w.WriteStartObject("chargingPrice");
            w.WriteNumber("kWhPrice", price.EnergyPerKwh);
            w.WriteNumber("hourPrice", price.PerHour);
            w.WriteNumber("flatFee", price.SessionFee);
            w.WriteEndObject();
            if (price.IdlePerHour != 0)
            {
                w.WriteStartObject("idlePrice");
                w.WriteNumber("graceMinutes", (int)decimal.Round(price.IdleGraceMinutes));
                w.WriteNumber("hourPrice", price.IdlePerHour);
                w.WriteEndObject();
            }
        }));

    /// <summary>The session's final cost after its stop: <c>{"transactionId","cost","priceText"}</c>.</summary>
    public static CostDisplayMessage FinalCost(string chargerId, int transactionId, SessionCost cost) =>
        new(chargerId, "FinalCost", Json(w =>
        {
            w.WriteNumber("transactionId", transactionId);
            w.WriteNumber("cost", cost.Total);
            w.WriteString("priceText", CostTexts.Final(cost));
        }));

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
