using System.Globalization;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// SecurityEventNotification (OCPP 2.0.1, A04): published as <c>ocpp.security-event</c> with its type, time and details.
/// The station's own life (a start-up, a reset, new firmware, a clock set) is info; every other type — a failed
/// authentication, an invalid certificate or message, tampering, or one the edge does not know — is a warning.
/// </summary>
public sealed class SecurityEventNotificationHandler()
    : OcppActionHandler<SecurityEventNotificationRequest, EmptyResponse>(Ocpp201Action.SecurityEventNotification, Ocpp201JsonContext.Default.SecurityEventNotificationRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    private static readonly HashSet<string> Routine = new(["StartupOfTheDevice", "ResetOrReboot", "FirmwareUpdated", "SettingSystemTime"], StringComparer.Ordinal);

    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, SecurityEventNotificationRequest request, CancellationToken cancellationToken)
    {
        var details = request.TechInfo is { Length: > 0 } info ? ": " + info : "";
        await context.Services.PublishAsync(Routine.Contains(request.Type) ? "info" : "warning", context.ChargePoint.Id, "ocpp.security-event",
            string.Create(CultureInfo.InvariantCulture, $"{request.Type} at {request.Timestamp:O}{details}"), cancellationToken).ConfigureAwait(false);
        return new EmptyResponse();
    }
}
