using System.Text.Json.Serialization.Metadata;

namespace ChargeNet.Drivers.Ocpp.Handlers;

/// <summary>
/// The status notifications of a firmware update or a log upload, in any version (1.6 FirmwareStatusNotification and
/// DiagnosticsStatusNotification, 2.0.1 FirmwareStatusNotification and LogStatusNotification): one shape — the status is kept
/// and published (<see cref="OcppTransferStatus"/>) and the answer is the version's empty one. Each version lists its own in its protocol.
/// </summary>
public static class OcppTransferStatusHandler
{
    public static IOcppActionHandler Firmware<TRequest, TResponse>(string action, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, Func<TRequest, string> status, TResponse answer) =>
        new Handler<TRequest, TResponse>(action, requestType, responseType, (context, request, ct) => OcppTransferStatus.FirmwareAsync(context, status(request), ct), answer);

    /// <param name="action">The version's message.</param>
    /// <param name="label">The version's word for the upload in the event: Diagnostics (1.6), Log upload (2.0.1).</param>
    /// <param name="requestType">The request's JSON metadata.</param>
    /// <param name="responseType">The (empty) answer's JSON metadata.</param>
    /// <param name="status">The status the request carries.</param>
    /// <param name="answer">The answer.</param>
    public static IOcppActionHandler Log<TRequest, TResponse>(string action, string label, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, Func<TRequest, string> status, TResponse answer) =>
        new Handler<TRequest, TResponse>(action, requestType, responseType, (context, request, ct) => OcppTransferStatus.LogAsync(context, label, status(request), ct), answer);

    private sealed class Handler<TRequest, TResponse>(
        string action, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, Func<OcppCallContext, TRequest, CancellationToken, Task> keep, TResponse answer)
        : OcppActionHandler<TRequest, TResponse>(action, requestType, responseType)
    {
        protected override async Task<TResponse> HandleAsync(OcppCallContext context, TRequest request, CancellationToken cancellationToken)
        {
            await keep(context, request, cancellationToken).ConfigureAwait(false);
            return answer;
        }
    }
}
