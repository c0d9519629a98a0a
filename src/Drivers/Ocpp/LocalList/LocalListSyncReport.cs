using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>How a sync's outcome is told: a log line each, and a site event where the operator must act.</summary>
public sealed partial class LocalListSync
{
    private async Task ReportAsync(string chargePointId, LocalListSyncOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome.Result)
        {
            case LocalListSyncResult.Sent:
                LogSent(chargePointId, outcome.EdgeVersion, outcome.Entries, outcome.MessagesAccepted, outcome.ChargerVersion);
                break;
            case LocalListSyncResult.ListTooLong:
                await RaiseAsync(chargePointId, "ocpp.local-list-too-long",
                    $"The local authorization list has {outcome.Entries} entries; {chargePointId} holds at most {outcome.Limits?.LocalAuthListMaxLength} (LocalAuthListMaxLength). Nothing was sent: it keeps its list (version {outcome.ChargerVersion}) and asks the edge for other cards while online.",
                    cancellationToken).ConfigureAwait(false);
                break;
            case LocalListSyncResult.VersionTooLow:
                await RaiseAsync(chargePointId, "ocpp.local-list-not-sent",
                    $"The local authorization list (version {outcome.EdgeVersion}, {outcome.Entries} entries) needs more messages for {chargePointId} (SendLocalListMaxLength {outcome.Limits?.SendLocalListMaxLength}) than there are list versions up to {outcome.EdgeVersion}; nothing was sent. Saving the list again raises its version.",
                    cancellationToken).ConfigureAwait(false);
                break;
            case LocalListSyncResult.Refused:
                await RaiseAsync(chargePointId, "ocpp.local-list-refused",
                    $"{chargePointId} answered {outcome.Detail} after {outcome.MessagesAccepted} accepted message(s) of the local authorization list version {outcome.EdgeVersion}; the whole list goes again (Full) on the next sync.",
                    cancellationToken).ConfigureAwait(false);
                break;
            case LocalListSyncResult.Failed:
                LogNotSent(chargePointId, outcome.Detail ?? "no answer");
                break;
        }
    }

    private Task RaiseAsync(string chargePointId, string code, string message, CancellationToken cancellationToken)
    {
        LogNotSent(chargePointId, message);
        return _events.PublishAsync(new OcppEvent(_time.GetUtcNow(), "warning", chargePointId, code, message), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local list version {Version} ({Count} entries, {Messages} messages) sent to {ChargePointId} (it had {TheirVersion})")]
    private partial void LogSent(string chargePointId, int version, int count, int messages, int? theirVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local list not brought up to date on {ChargePointId}: {Reason}")]
    private partial void LogNotSent(string chargePointId, string reason);
}
