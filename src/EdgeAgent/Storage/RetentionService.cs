using System.Text.Json;
using ChargeNet.EdgeAgent.Cloud;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Trims what grows with use, at start and then every sweep interval (docs/operations.md,
/// "Retention"): events and meter samples by age and count, OCPP message keys and the transactions
/// of finished sessions by age, finished sessions by age once the cloud has them, and old
/// configuration revisions by count.
/// </summary>
public sealed partial class RetentionService : BackgroundService
{
    private readonly IEdgeStore _store;
    private readonly TimeProvider _time;
    private readonly RetentionOptions _options;
    private readonly ILogger<RetentionService> _logger;

    public RetentionService(IEdgeStore store, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionService> logger)
    {
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>One sweep; returns how many records went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var events = await _store.Events.TrimAsync(now - _options.EventMaxAge, _options.EventMaxCount, cancellationToken).ConfigureAwait(false);
        var samples = await _store.Samples.TrimAsync(now - _options.SampleMaxAge, cancellationToken).ConfigureAwait(false);
        var ocpp = await _store.OcppTransactions.TrimAsync(now - _options.OcppMessageKeyMaxAge, cancellationToken).ConfigureAwait(false);
        var sessions = await TrimSessionsAsync(now - _options.SessionMaxAge, cancellationToken).ConfigureAwait(false);
        var revisions = await _store.Revisions.TrimAsync(_options.RevisionMaxCount, cancellationToken).ConfigureAwait(false);
        if (events + samples + ocpp + sessions + revisions > 0)
        {
            LogTrimmed(events, samples, ocpp, sessions, revisions);
        }

        return events + samples + ocpp + sessions + revisions;
    }

    // A session goes only once the cloud has it: while its copy is still in the outbox, it stays.
    private async Task<int> TrimSessionsAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken)
    {
        var queued = await _store.Outbox.CountAsync(CloudTopics.Sessions, cancellationToken).ConfigureAwait(false);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        if (queued > 0)
        {
            var messages = (await _store.Outbox.PeekAsync(int.MaxValue, cancellationToken).ConfigureAwait(false))
                .Where(m => m.Topic == CloudTopics.Sessions).ToList();
            foreach (var message in messages)
            {
                using var payload = JsonDocument.Parse(message.Payload);
                pending.Add(payload.RootElement.GetProperty("id").GetString() ?? "");
            }

            if (messages.Count < queued)
            {
                return 0; // more queued than one look shows: trim at a later sweep, when the outbox is shorter
            }
        }

        return await _store.Sessions.TrimAsync(stoppedBefore, pending, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed sweep is retried at the next one; the daemon goes on.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Events} old events, {Samples} meter samples, {Ocpp} OCPP message keys and transactions, {Sessions} sessions and {Revisions} configuration revisions")]
    private partial void LogTrimmed(int events, int samples, int ocpp, int sessions, int revisions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed; it is tried again at the next sweep")]
    private partial void LogSweepFailed(Exception exception);
}
