using ChargeNet.Drivers.Ocpp.Messages;

namespace ChargeNet.Drivers.Ocpp.Handlers;

/// <summary>StatusNotification: updates the connector's live state (connector 0 is the charge point itself).</summary>
public sealed class StatusNotificationHandler()
    : OcppActionHandler<StatusNotificationRequest, StatusNotificationResponse>(OcppAction.StatusNotification, OcppJsonContext.Default.StatusNotificationRequest, OcppJsonContext.Default.StatusNotificationResponse)
{
    protected override int? ConnectorOf(StatusNotificationRequest request) => request.ConnectorId;

    protected override async Task<StatusNotificationResponse> HandleAsync(OcppCallContext context, StatusNotificationRequest request, CancellationToken cancellationToken)
    {
        var before = context.ChargePoint.GetConnector(request.ConnectorId);
        context.ChargePoint.UpdateConnector(request.ConnectorId, live => live with { Status = request.Status, ErrorCode = request.ErrorCode });
        if (request.Status == ChargePointStatus.Faulted && before.Status != ChargePointStatus.Faulted)
        {
            await context.Services.PublishAsync("warning", context.ChargePoint.Id, "ocpp.connector-faulted", $"Connector {request.ConnectorId} faulted: {request.ErrorCode} {request.Info}", cancellationToken).ConfigureAwait(false);
        }

        return new StatusNotificationResponse();
    }
}
