using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Devices;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Polls the grid meter at its own period (the meter's <c>pollIntervalS</c>, 0.5 s by default),
/// records each reading in <see cref="Watch"/> and wakes the loop on each new one, so an overload
/// is answered as soon as it is measured, not at the next tick.
/// </summary>
internal sealed partial class GridMeterFeed
{
    private readonly SiteConfigurationService _configuration;
    private readonly DeviceRegistry _devices;
    private readonly TimeProvider _time;
    private readonly TimeSpan _readTimeout;
    private readonly CycleTrigger _trigger;
    private readonly ILogger _logger;

    public GridMeterFeed(SiteConfigurationService configuration, DeviceRegistry devices, TimeProvider time, TimeSpan readTimeout, CycleTrigger trigger, ILogger logger)
    {
        _configuration = configuration;
        _devices = devices;
        _time = time;
        _readTimeout = readTimeout;
        _trigger = trigger;
        _logger = logger;
    }

    // The sleep itself, not a flag set around it: complete from the very call that moves a fake clock to its end
    // (as CycleTrigger's wait; docs/control-loop-sessions.md, Session 18, "A flaky trigger test").
    private volatile Task _sleep = Task.CompletedTask;

    public MeterWatch Watch { get; } = new();

    /// <summary>The circuits' meters, read with the grid meter.</summary>
    public CircuitMeterWatches Circuits { get; } = new();

    /// <summary>True while the feed sleeps until its next poll (tests wait for this before moving a fake clock).</summary>
    public bool IsSleeping => !_sleep.IsCompleted;

    /// <summary>How often the grid meter is read under the configuration in force.</summary>
    public TimeSpan PollPeriod => PollPeriodOf(_configuration.Current?.Site);

    /// <summary>
    /// How often <paramref name="site"/>'s grid meter is read — and with it every circuit meter, whatever its own
    /// <c>pollIntervalS</c>: the grid meter's <c>pollIntervalS</c>, else the Modbus meter driver's period.
    /// </summary>
    public static TimeSpan PollPeriodOf(SiteConfiguration? site)
    {
        var seconds = site?.Meters.FirstOrDefault(m => m.Id == site.Grid.Meter)?.PollIntervalS;
        return seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : ModbusDeviceOptions.MeterPollPeriod;
    }

    /// <summary>Polls until cancelled; one failed read is recorded and survived.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = _time.GetUtcNow();
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One bad poll must not stop the meter's feed.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogPollFailed(ex);
            }

            // At most a period: a wall clock stepped back during the poll must not put the meter to sleep for the step.
            var wait = started + PollPeriod - _time.GetUtcNow();
            wait = wait > PollPeriod ? PollPeriod : wait;
            if (wait > TimeSpan.Zero)
            {
                var sleep = Task.Delay(wait, _time, cancellationToken);
                _sleep = sleep;
                await sleep.ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Reads the grid meter once (a reading wakes the loop) and, beside it, starts reading the circuits' meters. Returns
    /// false when there is no grid meter to read. It returns once the grid meter's read is over, whether or not the
    /// circuits' are: a circuit meter slow to answer (on another link) must not stretch the grid meter's poll period —
    /// the silent threshold raises wait by is two of those (docs/control-loop.md, "Circuit meters"). A circuit meter whose
    /// read is still out is not asked again at this poll.
    /// </summary>
    public async Task<bool> PollOnceAsync(CancellationToken cancellationToken)
    {
        var site = _configuration.Current?.Site;
        if (site is not null)
        {
            _ = LogFailureAsync(Circuits.StartReads(
                site.Circuits.Where(c => c.Meter is not null).Select(c => c.Meter!), _devices.Current, _time, _readTimeout, cancellationToken));
        }

        return await PollGridAsync(site, cancellationToken).ConfigureAwait(false);
    }

    // Each meter's failure is recorded on its watch; anything else would once have failed the poll: it is logged as that.
    private async Task LogFailureAsync(Task circuitReads)
    {
        try
        {
            await circuitReads.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Nobody else awaits the circuits' reads.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogPollFailed(ex);
        }
    }

    private async Task<bool> PollGridAsync(SiteConfiguration? site, CancellationToken cancellationToken)
    {
        if (site?.Grid.Meter is not { } meterId || !_devices.Current.Meters.TryGetValue(meterId, out var meter))
        {
            return false;
        }

        if (await Watch.ReadAsync(meter, _time, _readTimeout, cancellationToken).ConfigureAwait(false))
        {
            _trigger.Signal();
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A grid meter poll failed; the next one is tried at its time")]
    private partial void LogPollFailed(Exception exception);
}
