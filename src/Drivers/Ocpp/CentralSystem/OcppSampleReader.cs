using System.Globalization;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Messages;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// Reads the measurands the edge needs out of MeterValues (OCPP 1.6, section 7): per-phase
/// Current.Import, Current.Offered and Energy.Active.Import.Register (Wh or kWh). A Current.Import
/// without a phase counts as the charger's L1 (single-phase chargers often send no phase).
/// </summary>
public static class OcppSampleReader
{
    /// <summary>Applies the newest sample of each measurand in <paramref name="values"/> to <paramref name="live"/>.</summary>
    public static OcppConnectorLive Apply(OcppConnectorLive live, IEnumerable<MeterValue> values, DateTimeOffset now)
    {
        var current = live.CurrentA;
        var offered = live.OfferedA;
        var energy = live.EnergyWh;
        foreach (var value in values.OrderBy(v => v.Timestamp))
        {
            foreach (var sample in value.SampledValue)
            {
                if (!double.TryParse(sample.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    continue;
                }

                switch (sample.Measurand ?? "Energy.Active.Import.Register")
                {
                    case "Energy.Active.Import.Register":
                        energy = sample.Unit == "kWh" ? number * 1000 : number;
                        break;
                    case "Current.Offered":
                        offered = number;
                        break;
                    case "Current.Import":
                        current = sample.Phase switch
                        {
                            "L2" or "L2-N" => current with { L2 = number },
                            "L3" or "L3-N" => current with { L3 = number },
                            _ => current with { L1 = number },
                        };
                        break;
                }
            }
        }

        return live with { CurrentA = current, OfferedA = offered, EnergyWh = energy, UpdatedAt = now };
    }

    /// <summary>The connector state the control loop understands.</summary>
    public static ConnectorState ToConnectorState(ChargePointStatus? status) => status switch
    {
        ChargePointStatus.Available or ChargePointStatus.Reserved => ConnectorState.Available,
        ChargePointStatus.Preparing or ChargePointStatus.Finishing => ConnectorState.CarConnected,
        ChargePointStatus.Charging => ConnectorState.Charging,
        ChargePointStatus.SuspendedEV => ConnectorState.SuspendedByCar,
        ChargePointStatus.SuspendedEVSE => ConnectorState.SuspendedByController,
        ChargePointStatus.Faulted => ConnectorState.Faulted,
        _ => ConnectorState.Unavailable,
    };
}
