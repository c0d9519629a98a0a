using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Ocpp.Virtual;

internal static partial class VirtualChargerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{ChargerId}: a message for the upstream could not be queued")]
    public static partial void NotQueued(ILogger logger, string chargerId, Exception exception);
}
