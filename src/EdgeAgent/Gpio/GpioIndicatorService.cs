using ChargeNet.EdgeAgent.Control;
using Microsoft.Extensions.Hosting;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>
/// Drives the status LED and fault relay from each control cycle: the LED toggles on a completed one; the relay closes on a failed
/// one (it heard only completed cycles, so it stayed open while every cycle failed), the grid's fallback or the emergency stop — and
/// while the loop is stalled (<see cref="ControlLoop.Stalled"/>): a cycle that hangs raises no status, so only a clock can see it.
/// </summary>
public sealed class GpioIndicatorService : IHostedService, IDisposable
{
    /// <summary>How often the loop is checked for a stall: the relay closes at most this long after <see cref="ControlLoop.StallAfter"/>.</summary>
    public static readonly TimeSpan StallCheck = TimeSpan.FromSeconds(1);

    private readonly ControlLoop _loop;
    private readonly SiteGpio _gpio;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private ITimer? _stallCheck;
    private bool _stallShown;

    public GpioIndicatorService(ControlLoop loop, SiteGpio gpio, TimeProvider time)
    {
        _loop = loop;
        _gpio = gpio;
        _time = time;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop.StatusChanged += OnCycle;
        _stallCheck = _time.CreateTimer(_ => CheckStall(), null, StallCheck, StallCheck);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.StatusChanged -= OnCycle;
        lock (_lock)
        {
            // Under the lock: a check already running cannot open the relay after this closed it.
            Dispose();
            _gpio.Indicate(healthyCycle: false, fault: true);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stallCheck?.Dispose();
            _stallCheck = null;
        }
    }

    private void OnCycle(SiteStatus status) =>
        _gpio.Indicate(healthyCycle: status.Controlling, fault: IsFault(status));

    private bool IsFault(SiteStatus status) => !status.Controlling || status.Grid.Fallback || _gpio.Current.EmergencyStop;

    // The relay is the cycles' while the loop runs; the check only closes it, and once the stall ends shows the latest status
    // again: the cycle that ends a stall publishes its status before it counts as ended, so a check between the two closed the
    // relay after that status opened it.
    private void CheckStall()
    {
        lock (_lock)
        {
            if (_stallCheck is null)
            {
                return; // stopped
            }

            var stalled = _loop.Stalled is not null;
            if (stalled)
            {
                _gpio.Indicate(healthyCycle: false, fault: true);
            }
            else if (_stallShown)
            {
                _gpio.Indicate(healthyCycle: false, fault: _loop.Latest is not { } latest || IsFault(latest));
            }

            _stallShown = stalled;
        }
    }
}
