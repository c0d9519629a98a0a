using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>Trims events and meter samples by age and count, at start and then every sweep interval.</summary>
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
        if (events + samples > 0)
        {
            LogTrimmed(events, samples);
        }

        return events + samples;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Events} old events and {Samples} old meter samples")]
    private partial void LogTrimmed(int events, int samples);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed; it is tried again at the next sweep")]
    private partial void LogSweepFailed(Exception exception);
}
