using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChargeNet.Drivers.Ocpp.Framing;

namespace ChargeNet.Drivers.Ocpp.Handlers;

/// <summary>A typed handler: reads the request record, answers with the response record.</summary>
public abstract class OcppActionHandler<TRequest, TResponse>(string action, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType)
    : IOcppActionHandler
{
    public string Action { get; } = action;

    public async ValueTask<OcppFrame> HandleAsync(OcppCallContext context, CancellationToken cancellationToken)
    {
        TRequest? request;
        try
        {
            request = context.Call.Payload.Deserialize(requestType);
        }
        catch (JsonException e)
        {
            // The schema passed it, so the value fits JSON's type but not ours (an integer beyond 32 bits).
            return new OcppCallError(context.Call.MessageId, OcppErrorCode.PropertyConstraintViolation, $"{Action}: a value is out of range at {e.Path}.");
        }

        if (request is null)
        {
            return new OcppCallError(context.Call.MessageId, OcppErrorCode.FormationViolation, $"{Action}: the payload is empty.");
        }

        if (ConnectorOf(request) is { } connectorId && (connectorId < 0 || connectorId > context.ChargePoint.Settings.Connectors))
        {
            return new OcppCallError(context.Call.MessageId, OcppErrorCode.PropertyConstraintViolation, $"{Action}: connectorId {connectorId} is not one of this charge point's connectors (0 to {context.ChargePoint.Settings.Connectors}).");
        }

        var response = await HandleAsync(context, request, cancellationToken).ConfigureAwait(false);
        return new OcppCallResult(context.Call.MessageId, JsonSerializer.SerializeToElement(response, responseType));
    }

    /// <summary>The connector the request names, when it names one: checked against the configured count before anything is recorded.</summary>
    protected virtual int? ConnectorOf(TRequest request) => null;

    protected abstract Task<TResponse> HandleAsync(OcppCallContext context, TRequest request, CancellationToken cancellationToken);
}
