using System.Globalization;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// NotifyReport (OCPP 2.0.1, B07, B08): a part of a custom report goes to the GetReport waiting for it
/// (<see cref="Ocpp201ChargePointControl.ReadReportAsync"/>); the parts of the base report the edge asked for after the boot are
/// gathered until the last (tbc not true), then read into the station's device model and announced
/// (event <c>ocpp.device-model</c>). A station with more EVSEs than configured raises a warning.
/// </summary>
public sealed class NotifyReportHandler(Ocpp201Stations stations)
    : OcppActionHandler<NotifyReportRequest, EmptyResponse>(Ocpp201Action.NotifyReport, Ocpp201JsonContext.Default.NotifyReportRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, NotifyReportRequest request, CancellationToken cancellationToken)
    {
        var chargePoint = context.ChargePoint;
        var station = stations.Get(chargePoint.Id);
        if (station.CustomReports.Add(request.RequestId, (request.ReportData ?? []).Select(Item), request.Tbc))
        {
            return new EmptyResponse(); // a part of a custom report someone waits for (B08): not the base report
        }

        if (station.AddReportPart(request, context.Now) is { } model)
        {
            var evses = string.Join(", ", model.Evses.Select(e => $"EVSE {e.Id}: {e.Connectors.Count} connector(s), {e.SupplyPhases?.ToString(CultureInfo.InvariantCulture) ?? "?"} phase(s)"));
            await context.Services.PublishAsync("info", chargePoint.Id, "ocpp.device-model",
                $"{(evses.Length == 0 ? "no EVSEs reported" : evses)}; smart charging {Word(model.SmartCharging)}; tariff display {Word(model.Tariff)}; cost display {Word(model.Cost)}", cancellationToken).ConfigureAwait(false);
            if (model.Evses.Count > 0 && model.Evses.Max(e => e.Id) > chargePoint.Settings.Connectors)
            {
                await context.Services.PublishAsync("warning", chargePoint.Id, "ocpp.evses-beyond-configuration",
                    $"the station reports EVSE {model.Evses.Max(e => e.Id)}, the configuration has {chargePoint.Settings.Connectors} connector(s): the others are refused", cancellationToken).ConfigureAwait(false);
            }
        }

        return new EmptyResponse();
    }

    private static ChargerReportItem Item(ReportData data) => new(
        data.Component.Name, data.Component.Evse?.Id, data.Component.Evse?.ConnectorId, data.Component.Instance, data.Variable.Name, data.Variable.Instance,
        [.. data.VariableAttribute.Select(a => new ChargerReportValue(a.Type ?? "Actual", a.Value))]);

    private static string Word(bool? available) => available switch { true => "yes", false => "no", null => "not reported" };
}
