using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// NotifyEvent (OCPP 2.0.1, N07/N08): what needs a person is published as <c>ocpp.station-alert</c> — a monitor that
/// crossed its threshold (trigger Alerting) and a component's <c>Problem</c> flag — as a warning, or as info once the
/// station says it cleared. Value changes and periodic values are answered only: the live state comes from the status
/// and transaction messages. At most <see cref="MaxAlertsPerMessage"/> alerts per message; the rest are counted in one more.
/// </summary>
public sealed class NotifyEventCallHandler()
    : OcppActionHandler<NotifyEventRequest, EmptyResponse>(Ocpp201Action.NotifyEvent, Ocpp201JsonContext.Default.NotifyEventRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    /// <summary>A station reporting many monitors at once must not flood the events (and the cloud's outbox).</summary>
    public const int MaxAlertsPerMessage = 10;

    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, NotifyEventRequest request, CancellationToken cancellationToken)
    {
        var alerts = request.EventData.Where(IsAlert).ToList();
        foreach (var alert in alerts.Take(MaxAlertsPerMessage))
        {
            var cleared = alert.Cleared == true || (alert.Variable.Name == "Problem" && alert.ActualValue.Equals("false", StringComparison.OrdinalIgnoreCase));
            var details = alert.TechInfo is { Length: > 0 } info ? $" ({info})" : "";
            await context.Services.PublishAsync(cleared ? "info" : "warning", context.ChargePoint.Id, "ocpp.station-alert",
                $"{Name(alert)} = {alert.ActualValue}{(cleared ? ", cleared" : "")}{details}", cancellationToken).ConfigureAwait(false);
        }

        if (alerts.Count > MaxAlertsPerMessage)
        {
            await context.Services.PublishAsync("warning", context.ChargePoint.Id, "ocpp.station-alert",
                $"and {alerts.Count - MaxAlertsPerMessage} more alerts in the same NotifyEvent", cancellationToken).ConfigureAwait(false);
        }

        return new EmptyResponse();
    }

    private static bool IsAlert(EventData e) => e.Trigger == "Alerting" || e.Variable.Name == "Problem";

    private static string Name(EventData e) =>
        $"{e.Component.Name}{(e.Component.Evse is { } evse ? $" (EVSE {evse.Id})" : "")}.{e.Variable.Name}";
}
