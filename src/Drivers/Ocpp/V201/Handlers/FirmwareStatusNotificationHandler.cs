using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>FirmwareStatusNotification (OCPP 2.0.1, L01): kept and published as 1.6's (<see cref="OcppTransferStatus"/>).</summary>
public sealed class FirmwareStatusNotificationHandler()
    : OcppActionHandler<FirmwareStatusNotificationRequest, EmptyResponse>(Ocpp201Action.FirmwareStatusNotification, Ocpp201JsonContext.Default.FirmwareStatusNotificationRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, FirmwareStatusNotificationRequest request, CancellationToken cancellationToken)
    {
        await OcppTransferStatus.FirmwareAsync(context, request.Status, cancellationToken).ConfigureAwait(false);
        return new EmptyResponse();
    }
}
