using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp;

/// <summary>The OCPP layer's log messages (source-generated). Never a secret in any of them.</summary>
internal static partial class OcppLog
{
    [LoggerMessage(1, LogLevel.Warning, "OCPP {Remote}: bad frame, {ErrorCode}: {Description}")]
    public static partial void BadFrame(ILogger logger, string remote, string errorCode, string description);

    [LoggerMessage(2, LogLevel.Debug, "OCPP {Remote}: reply for unknown or expired message id {MessageId}")]
    public static partial void UnmatchedReply(ILogger logger, string remote, string messageId);

    [LoggerMessage(3, LogLevel.Information, "OCPP {Remote}: {Action} with message id {MessageId} was already answered; answered again")]
    public static partial void RepeatedCall(ILogger logger, string remote, string action, string messageId);

    [LoggerMessage(4, LogLevel.Warning, "OCPP {Remote}: {Action} refused, {ErrorCode}: {Description}")]
    public static partial void InvalidPayload(ILogger logger, string remote, string action, string errorCode, string description);

    [LoggerMessage(5, LogLevel.Error, "OCPP {Remote}: handling {Action} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string remote, string action);

    [LoggerMessage(6, LogLevel.Debug, "OCPP {Remote}: send failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(7, LogLevel.Information, "OCPP charge point {ChargePointId} connected from {Remote}")]
    public static partial void Connected(ILogger logger, string chargePointId, string remote);

    [LoggerMessage(8, LogLevel.Information, "OCPP charge point {ChargePointId} disconnected: {Reason}")]
    public static partial void Disconnected(ILogger logger, string chargePointId, string reason);

    [LoggerMessage(9, LogLevel.Warning, "OCPP upgrade for {ChargePointId} refused with {StatusCode}: {Reason}")]
    public static partial void UpgradeRefused(ILogger logger, string chargePointId, int statusCode, string reason);

    [LoggerMessage(10, LogLevel.Warning, "OCPP charge point {ChargePointId}: {Message}")]
    public static partial void ChargePointWarning(ILogger logger, string chargePointId, string message);

    [LoggerMessage(11, LogLevel.Information, "OCPP charge point {ChargePointId}: {Message}")]
    public static partial void ChargePointInfo(ILogger logger, string chargePointId, string message);
}
