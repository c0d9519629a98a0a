using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>Keeps a grid-meter sample every sample interval, for the page's chart of the last hour and to rebuild the month's power windows where none were kept (SitePeakTarget).</summary>
public sealed partial class MeterSampleRecorder : IHostedService
{
    /// <summary>The meter id the grid's samples are kept under, whatever the grid meter's own id.</summary>
    public const string GridMeterId = "grid";

    private readonly ControlLoop _loop;
    private readonly IEdgeStore _store;
    private readonly RetentionOptions _options;
    private readonly ILogger<MeterSampleRecorder> _logger;
    private DateTimeOffset _lastSample;

    public MeterSampleRecorder(ControlLoop loop, IEdgeStore store, IOptions<RetentionOptions> options, ILogger<MeterSampleRecorder> logger)
    {
        _loop = loop;
        _store = store;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop.CycleCompleted += OnCycle;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.CycleCompleted -= OnCycle;
        return Task.CompletedTask;
    }

    private void OnCycle(SiteStatus status)
    {
        if (status.Grid.CurrentA is not { } current || status.Ts - _lastSample < _options.SampleInterval)
        {
            return;
        }

        _lastSample = status.Ts;
        try
        {
            // LiteDB writes synchronously; a sample every 10 s costs nothing worth a queue.
            _store.Samples.AppendAsync(
                new MeterSample(GridMeterId, status.Grid.MeasuredAt ?? status.Ts, new(current[0], current[1], current[2]), 0),
                CancellationToken.None).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // A lost chart sample must not disturb the control loop that raised the event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSampleFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A meter sample could not be stored")]
    private partial void LogSampleFailed(Exception exception);
}
