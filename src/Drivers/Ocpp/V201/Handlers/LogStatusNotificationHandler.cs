using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>LogStatusNotification (OCPP 2.0.1, N01): kept and published as 1.6's diagnostics status (<see cref="OcppTransferStatus"/>).</summary>
public sealed class LogStatusNotificationHandler()
    : OcppActionHandler<LogStatusNotificationRequest, EmptyResponse>(Ocpp201Action.LogStatusNotification, Ocpp201JsonContext.Default.LogStatusNotificationRequest, Ocpp201JsonContext.Default.EmptyResponse)
{
    protected override async Task<EmptyResponse> HandleAsync(OcppCallContext context, LogStatusNotificationRequest request, CancellationToken cancellationToken)
    {
        await OcppTransferStatus.LogAsync(context, "Log upload", request.Status, cancellationToken).ConfigureAwait(false);
        return new EmptyResponse();
    }
}
