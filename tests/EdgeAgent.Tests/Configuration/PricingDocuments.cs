namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>The contract example with the pricing parts of docs/pricing.md added.</summary>
internal static class PricingDocuments
{
    public const string Sections = """
          "timeZone": "Europe/Stockholm",
          "location": { "name": "Garage 42", "address": "Storgatan 1", "city": "Uppsala", "postalCode": "753 20",
                        "country": "SWE", "latitude": 59.8586, "longitude": 17.6389 },
          "pricing": {
            "currency": "SEK", "vatPercent": 25, "defaultTariff": "public",
            "tariffs": [
              { "id": "public", "name": "Public charging",
                "energyPerKwh": 4.50, "perHour": 0, "sessionFee": 0,
                "idlePerHour": 60, "idleGraceMinutes": 30,
                "minCost": null, "maxCost": null,
                "periods": [ { "days": ["mon","tue","wed","thu","fri"], "from": "07:00", "to": "19:00", "energyPerKwh": 5.50 } ],
                "spot": { "multiplier": 1.25, "markupPerKwh": 1.00 } },
              { "id": "residents", "name": "Residents", "energyPerKwh": 2.10 } ] },
          "authorization": { "mode": "local", "cloudTimeoutS": 5, "offline": "local-list" },
          "web": { "publicStatus": false, "publicStations": true },
        """;

    /// <summary>Valid: every pricing field of the contract, and charger CP001 on the residents' tariff.</summary>
    public static string WithPricing { get; } = SiteDocuments.ContractExample
        .Replace("\"siteId\": \"garage-42\",", "\"siteId\": \"garage-42\",\n" + Sections, StringComparison.Ordinal)
        .Replace("\"id\": \"CP001\", \"protocol\": \"ocpp1.6\",", "\"id\": \"CP001\", \"protocol\": \"ocpp1.6\", \"tariff\": \"residents\",", StringComparison.Ordinal);
}
