using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Polls a device at a fixed period (on the given <see cref="TimeProvider"/>) and keeps the latest good
/// value with its time, so the control loop never waits on a slow device and can tell a stale value
/// (older than <c>staleAfter</c>) from a fresh one. One bad poll is logged and survived.
/// </summary>
/// <typeparam name="T">The reading (a <c>MeterReading</c>, a <c>ChargerStatus</c>).</typeparam>
public sealed partial class DevicePoller<T>
    where T : class
{
    private readonly Func<CancellationToken, Task<T>> _read;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Tuple<T, DateTimeOffset>? _latest;

    public DevicePoller(string deviceId, Func<CancellationToken, Task<T>> read, TimeSpan period, TimeSpan staleAfter, TimeProvider timeProvider, ILogger logger)
    {
        DeviceId = deviceId;
        _read = read ?? throw new ArgumentNullException(nameof(read));
        Period = period;
        StaleAfter = staleAfter;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public string DeviceId { get; }

    public TimeSpan Period { get; }

    public TimeSpan StaleAfter { get; }

    /// <summary>Raised after each good poll.</summary>
    public event EventHandler<T>? Updated;

    /// <summary>The latest good reading, fresh or not, and when it was read.</summary>
    public (T Value, DateTimeOffset At)? Latest => Volatile.Read(ref _latest) is { } latest ? (latest.Item1, latest.Item2) : null;

    /// <summary>The latest reading if it is younger than <see cref="StaleAfter"/>; a stale one counts as unknown.</summary>
    public bool TryGetFresh(out T value)
    {
        if (Latest is { } latest && _time.GetUtcNow() - latest.At <= StaleAfter)
        {
            value = latest.Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>Polls until cancelled; returns (does not throw) when cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, _time);
        try
        {
            do
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One poll; failures are logged, never thrown.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var value = await _read(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _latest, Tuple.Create(value, _time.GetUtcNow()));
            Updated?.Invoke(this, value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPollFailed(_logger, DeviceId, ex.Message);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Poll of {DeviceId} failed: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string deviceId, string reason);
}
