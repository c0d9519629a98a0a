using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>Builds the session record of a stopped transaction; stores of any kind share it.</summary>
public static class OcppSessionBuilder
{
    /// <summary>The session of <paramref name="stop"/>; <paramref name="start"/> is null when the start was never seen.</summary>
    public static OcppSession Build(OcppTransactionStop stop, OcppTransactionStart? start)
    {
        // Derived from the whole key (charge point included), so a replay gets the same id and nothing else does.
        var id = "ocpp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stop.IdempotencyKey)))[..32];
        double? energyWh = start is not null
            ? Math.Max(0, stop.MeterStopWh - start.MeterStartWh)
            : FirstEnergyRegisterWh(stop.TransactionData) is { } firstWh ? Math.Max(0, stop.MeterStopWh - firstWh) : null;
        return new OcppSession(
            id,
            stop.ChargePointId,
            start?.ConnectorId,
            stop.ChargerTransactionId,
            start?.IdTag ?? stop.IdTag,
            start?.StartedAt,
            stop.StoppedAt,
            energyWh,
            stop.Reason);
    }

    private static double? FirstEnergyRegisterWh(IReadOnlyList<MeterValue> values)
    {
        foreach (var value in values.OrderBy(v => v.Timestamp))
        {
            foreach (var sample in value.SampledValue)
            {
                if ((sample.Measurand ?? "Energy.Active.Import.Register") == "Energy.Active.Import.Register"
                    && double.TryParse(sample.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var reading))
                {
                    return sample.Unit == "kWh" ? reading * 1000 : reading;
                }
            }
        }

        return null;
    }
}
