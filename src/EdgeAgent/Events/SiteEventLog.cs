using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Events;

/// <summary>
/// Raises site events: each is written to the store (and so to the cloud's outbox once the cloud
/// link exists) and to the log. Never throws: an event that cannot be stored is still logged.
/// </summary>
public sealed partial class SiteEventLog
{
    private readonly IEdgeStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<SiteEventLog> _logger;

    public SiteEventLog(IEdgeStore store, TimeProvider time, ILogger<SiteEventLog> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Raised while an event is being stored, inside the same store transaction: a listener's writes
    /// to the store commit with the event, or neither does. Listeners write synchronously and quickly.
    /// </summary>
    public event Action<EdgeEvent>? Raised;

    /// <summary>
    /// Raises an event and returns once it (and its outbox copy) is on durable storage. Its log line follows: a line in the journal
    /// means the event is on the disk, and a process killed just after printing it has lost nothing the line showed (a SIGKILL
    /// between the line and the write left an event logged but missing from the outbox the cloud is sent from).
    /// </summary>
    public async Task<EdgeEvent> RaiseAsync(string severity, string source, string code, string message, CancellationToken cancellationToken)
    {
        var (edgeEvent, stored) = Record(severity, source, code, message, cancellationToken);
        try
        {
            if (stored)
            {
                await _store.WhenDurableAsync(cancellationToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // As below: the event is logged; its raiser goes on.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogStoreFailed(ex, code);
        }
        finally
        {
            Log(edgeEvent);
        }

        return edgeEvent;
    }

    /// <summary>
    /// Raises an event and returns once it is committed (readable, and in the outbox), without
    /// waiting for the sync that makes it durable a moment later: for raisers that answer someone
    /// who is not told about the event (an OCPP charger waiting for its reply). Logged once committed.
    /// </summary>
    public Task<EdgeEvent> RaiseCommittedAsync(string severity, string source, string code, string message, CancellationToken cancellationToken)
    {
        var edgeEvent = Record(severity, source, code, message, cancellationToken).Event;
        Log(edgeEvent);
        return Task.FromResult(edgeEvent);
    }

    private (EdgeEvent Event, bool Stored) Record(string severity, string source, string code, string message, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var edgeEvent = new EdgeEvent(Guid.CreateVersion7(now).ToString("N"), now, severity, source, code, message);
        if (cancellationToken.IsCancellationRequested)
        {
            // Not stored, but not lost from the journal either.
            Log(edgeEvent);
            cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            // The event and what its listeners write for it (the cloud outbox's copy) reach the file
            // together: a power loss cannot keep one without the other.
            _store.WriteTogether(() =>
            {
                _store.Events.AppendAsync(edgeEvent, CancellationToken.None).GetAwaiter().GetResult();
                Raised?.Invoke(edgeEvent);
            });
            return (edgeEvent, true);
        }
#pragma warning disable CA1031 // An event that cannot be stored must not take its raiser down; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStoreFailed(ex, code);
        }

        return (edgeEvent, false);
    }

    private void Log(EdgeEvent edgeEvent) => LogEvent(
        edgeEvent.Severity switch
        {
            EventSeverities.Error => LogLevel.Error,
            EventSeverities.Warning => LogLevel.Warning,
            _ => LogLevel.Information,
        },
        edgeEvent.Source,
        edgeEvent.Code,
        edgeEvent.Message);

    [LoggerMessage(Message = "[{Source}] {Code}: {Message}")]
    private partial void LogEvent(LogLevel level, string source, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Code} could not be stored")]
    private partial void LogStoreFailed(Exception exception, string code);
}
