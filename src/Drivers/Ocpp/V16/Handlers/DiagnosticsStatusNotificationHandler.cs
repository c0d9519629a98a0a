using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>DiagnosticsStatusNotification: kept on the charge point and published as an event.</summary>
public sealed class DiagnosticsStatusNotificationHandler()
    : OcppActionHandler<DiagnosticsStatusNotificationRequest, DiagnosticsStatusNotificationResponse>(OcppAction.DiagnosticsStatusNotification, OcppJsonContext.Default.DiagnosticsStatusNotificationRequest, OcppJsonContext.Default.DiagnosticsStatusNotificationResponse)
{
    protected override async Task<DiagnosticsStatusNotificationResponse> HandleAsync(OcppCallContext context, DiagnosticsStatusNotificationRequest request, CancellationToken cancellationToken)
    {
        await OcppTransferStatus.LogAsync(context, "Diagnostics", request.Status, cancellationToken).ConfigureAwait(false);
        return new DiagnosticsStatusNotificationResponse();
    }
}
