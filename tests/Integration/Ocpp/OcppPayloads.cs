namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>Valid OCPP 1.6 payloads a charge point sends, as anonymous objects.</summary>
public static class OcppPayloads
{
    public static object Boot => new { chargePointVendor = "TestVendor", chargePointModel = "TestModel", firmwareVersion = "1.0" };

    public static object Status(int connectorId, string status) => new { connectorId, errorCode = "NoError", status, timestamp = "2026-11-24T05:00:00Z" };

    public static object Start(int connectorId, string idTag, int meterStart, string timestamp) =>
        new { connectorId, idTag, meterStart, timestamp };

    /// <summary>A timestamp as chargers send it (UTC, milliseconds, Z).</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>MeterValues with one energy register reading (Wh) for a transaction on connector 1.</summary>
    public static object EnergyAt(int transactionId, DateTimeOffset at, int registerWh) => new
    {
        connectorId = 1,
        transactionId,
        meterValue = new[]
        {
            new { timestamp = Iso(at), sampledValue = new[] { new { value = registerWh.ToString(System.Globalization.CultureInfo.InvariantCulture), measurand = "Energy.Active.Import.Register", unit = "Wh" } } },
        },
    };

    public static object Stop(int transactionId, int meterStop, string timestamp, string reason = "EVDisconnected") =>
        new { transactionId, meterStop, timestamp, reason };

    public static object Meter(int connectorId, int? transactionId, double l1, double l2, double l3, double offered, int energyWh) => new
    {
        connectorId,
        transactionId,
        meterValue = new[]
        {
            new
            {
                timestamp = "2026-11-24T05:00:10Z",
                sampledValue = new object[]
                {
                    new { value = l1.ToString(System.Globalization.CultureInfo.InvariantCulture), measurand = "Current.Import", phase = "L1", unit = "A" },
                    new { value = l2.ToString(System.Globalization.CultureInfo.InvariantCulture), measurand = "Current.Import", phase = "L2", unit = "A" },
                    new { value = l3.ToString(System.Globalization.CultureInfo.InvariantCulture), measurand = "Current.Import", phase = "L3", unit = "A" },
                    new { value = offered.ToString(System.Globalization.CultureInfo.InvariantCulture), measurand = "Current.Offered", unit = "A" },
                    new { value = energyWh.ToString(System.Globalization.CultureInfo.InvariantCulture), measurand = "Energy.Active.Import.Register", unit = "Wh" },
                },
            },
        },
    };
}
