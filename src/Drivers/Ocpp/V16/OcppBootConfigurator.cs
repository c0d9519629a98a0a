using System.Globalization;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16;

/// <summary>
/// After an accepted boot, sets the configuration keys the edge relies on (OCPP 1.6, section 9.1):
/// HeartbeatInterval, MeterValueSampleInterval and MeterValuesSampledData (energy, per-phase
/// Current.Import, Current.Offered). A key the charge point refuses is recorded and reported. Each ChangeConfiguration gives
/// way to any other call (<see cref="OcppGivingWay"/>; docs/ocpp.md, "Configuration keys the edge sets on every accepted
/// boot"): no key gates a limit — the limits went before them — and one set again is set to the same value, so a charger that
/// never answers holds up no cut.
/// </summary>
public static class OcppBootConfigurator
{
    public static async Task ConfigureAsync(OcppChargePoint chargePoint, OcppCentralSystemContext services, CancellationToken cancellationToken)
    {
        var settings = chargePoint.Settings;
        if (!settings.SetConfigurationOnBoot)
        {
            return;
        }

        var keys = new (string Key, string Value)[]
        {
            ("HeartbeatInterval", ((int)settings.HeartbeatInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            ("MeterValueSampleInterval", ((int)settings.MeterValueSampleInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            ("MeterValuesSampledData", settings.MeterValuesSampledData),
        };
        var outcomes = new List<(string Name, string Value, string Outcome)>();
        foreach (var (key, value) in keys)
        {
            string outcome;
            try
            {
                var answer = await OcppGivingWay.AskAsync(chargePoint, () => chargePoint.CallAsync<ChangeConfigurationRequest, StatusResponse>(
                    OcppAction.ChangeConfiguration, new ChangeConfigurationRequest(key, value), cancellationToken, givesWay: true)).ConfigureAwait(false);
                outcome = answer.Status;
            }
            catch (OcppRpcException e)
            {
                outcome = e.ErrorCode ?? e.Message;
            }

            outcomes.Add((key, value, outcome));
        }

        await OcppRefusedSettings.RecordAsync(chargePoint, outcomes, cancellationToken).ConfigureAwait(false);
    }
}
