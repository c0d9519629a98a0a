using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>StatusNotification: updates the connector's live state (connector 0 is the charge point itself).</summary>
public sealed class StatusNotificationHandler()
    : OcppActionHandler<StatusNotificationRequest, StatusNotificationResponse>(OcppAction.StatusNotification, OcppJsonContext.Default.StatusNotificationRequest, OcppJsonContext.Default.StatusNotificationResponse)
{
    protected override int? ConnectorOf(StatusNotificationRequest request) => request.ConnectorId;

    protected override async Task<StatusNotificationResponse> HandleAsync(OcppCallContext context, StatusNotificationRequest request, CancellationToken cancellationToken)
    {
        var before = context.ChargePoint.GetConnector(request.ConnectorId);
        context.ChargePoint.UpdateConnector(request.ConnectorId, live => live with { State = OcppSampleReader.ToConnectorState(request.Status), Status = request.Status.ToString(), ErrorCode = request.ErrorCode });
        if (request.Status == ChargePointStatus.Faulted && before.Status != nameof(ChargePointStatus.Faulted))
        {
            await context.Services.PublishAsync("warning", context.ChargePoint.Id, "ocpp.connector-faulted", $"Connector {request.ConnectorId} faulted: {request.ErrorCode} {request.Info}", cancellationToken).ConfigureAwait(false);
        }

        return new StatusNotificationResponse();
    }
}
