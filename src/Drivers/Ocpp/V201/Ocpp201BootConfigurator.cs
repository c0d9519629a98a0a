using System.Globalization;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// After an accepted boot of a 2.0.1 station (docs/ocpp.md, "Provisioning"): sets the variables the
/// edge relies on in one SetVariables (B05) — OCPPCommCtrlr.HeartbeatInterval,
/// SampledDataCtrlr.TxUpdatedInterval and TxUpdatedMeasurands, as 1.6's keys — recording and
/// reporting those refused, then asks for the FullInventory base report (B07) to learn its EVSEs.
/// Both give way to any other call (<see cref="OcppGivingWay"/>; docs/ocpp.md, "Provisioning"): neither gates a limit — the
/// limits went before them and a SetChargingProfile needs neither — and each is harmless sent again, so a station that never
/// answers them holds up no cut for their call timeout.
/// </summary>
public static class Ocpp201BootConfigurator
{
    public static async Task ConfigureAsync(OcppChargePoint chargePoint, Ocpp201Station station, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        ArgumentNullException.ThrowIfNull(station);
        var settings = chargePoint.Settings;
        var services = chargePoint.Context;
        if (settings.SetConfigurationOnBoot)
        {
            SetVariableData[] wanted =
            [
                Item("OCPPCommCtrlr", "HeartbeatInterval", Seconds(settings.HeartbeatInterval)),
                Item("SampledDataCtrlr", "TxUpdatedInterval", Seconds(settings.MeterValueSampleInterval)),
                Item("SampledDataCtrlr", "TxUpdatedMeasurands", settings.MeterValuesSampledData),
            ];
            IReadOnlyList<(string Name, string Value, string Outcome)> outcomes;
            try
            {
                // The same values again if given up (B05 sets, it does not add): a retry changes nothing the first did not.
                var answer = await OcppGivingWay.AskAsync(chargePoint, () => chargePoint.CallAsync(Ocpp201Action.SetVariables, new SetVariablesRequest(wanted),
                    Ocpp201JsonContext.Default.SetVariablesRequest, Ocpp201JsonContext.Default.SetVariablesResponse, cancellationToken, givesWay: true)).ConfigureAwait(false);
                outcomes = [.. wanted.Select(w => (Name(w), w.AttributeValue, answer.SetVariableResult.FirstOrDefault(r => r.Component.Name == w.Component.Name && r.Variable.Name == w.Variable.Name)?.AttributeStatus ?? "no result"))];
            }
            catch (OcppRpcException e)
            {
                outcomes = [.. wanted.Select(w => (Name(w), w.AttributeValue, e.ErrorCode ?? e.Message))];
            }

            await OcppRefusedSettings.RecordAsync(chargePoint, outcomes, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // A new requestId each try: a given-up ask the station took after all sends its own report (B07), whose parts
            // must not mix with the retry's under one id; either report, whole, is the inventory.
            await OcppGivingWay.AskAsync(chargePoint, () => chargePoint.CallAsync(Ocpp201Action.GetBaseReport, new GetBaseReportRequest(station.NextRequestId(), "FullInventory"),
                Ocpp201JsonContext.Default.GetBaseReportRequest, Ocpp201JsonContext.Default.StatusResponse, cancellationToken, givesWay: true)).ConfigureAwait(false);
        }
        catch (OcppRpcException e)
        {
            await services.PublishAsync("info", chargePoint.Id, "ocpp.device-model", "no base report: " + e.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SetVariableData Item(string component, string variable, string value) => new(value, new Component(component), new Variable(variable));

    private static string Name(SetVariableData item) => item.Component.Name + "." + item.Variable.Name;

    private static string Seconds(TimeSpan span) => ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
