using System.Globalization;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// The energy register readings in OCPP meter values: the <c>Energy.Active.Import.Register</c> sample
/// (the measurand a sample without one has, OCPP 1.6 §7.31) of the whole connector (no phase), in Wh.
/// </summary>
public static class OcppEnergyReadings
{
    private const string Register = "Energy.Active.Import.Register";

    public static IReadOnlyList<EnergyReading> From(IEnumerable<MeterValue> values)
    {
        var readings = new List<EnergyReading>();
        foreach (var value in values)
        {
            foreach (var sample in value.SampledValue)
            {
                if ((sample.Measurand ?? Register) == Register && sample.Phase is null
                    && decimal.TryParse(sample.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var reading)
                    && reading >= 0)
                {
                    readings.Add(new EnergyReading(value.Timestamp, sample.Unit == "kWh" ? reading * 1000 : reading));
                    break;
                }
            }
        }

        return readings;
    }
}
