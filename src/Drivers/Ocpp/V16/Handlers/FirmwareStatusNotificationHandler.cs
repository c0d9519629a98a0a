using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>FirmwareStatusNotification: kept on the charge point and published as an event.</summary>
public sealed class FirmwareStatusNotificationHandler()
    : OcppActionHandler<FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse>(OcppAction.FirmwareStatusNotification, OcppJsonContext.Default.FirmwareStatusNotificationRequest, OcppJsonContext.Default.FirmwareStatusNotificationResponse)
{
    protected override async Task<FirmwareStatusNotificationResponse> HandleAsync(OcppCallContext context, FirmwareStatusNotificationRequest request, CancellationToken cancellationToken)
    {
        await OcppTransferStatus.FirmwareAsync(context, request.Status, cancellationToken).ConfigureAwait(false);
        return new FirmwareStatusNotificationResponse();
    }
}
