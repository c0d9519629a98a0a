using System.Text.Json;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Handlers;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// A notification the edge takes note of and answers with its empty confirmation (NotifyEvent,
/// NotifyReport, SecurityEventNotification, FirmwareStatusNotification, LogStatusNotification): a
/// strict station must get an answer, and the payload has passed its schema already.
/// </summary>
public sealed class AcknowledgeHandler(string action) : IOcppActionHandler
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    public string Action { get; } = action;

    public ValueTask<OcppFrame> HandleAsync(OcppCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<OcppFrame>(new OcppCallResult(context.Call.MessageId, Empty));
    }
}
