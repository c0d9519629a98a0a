using System.Device.Gpio;

namespace ChargeNet.Drivers.Gpio;

/// <summary>
/// A relay contact on a GPIO pin (a grid operator's curtailment relay, an emergency stop), sampled
/// on the given clock: a new level counts only after it has held for the debounce time, so contact
/// bounce and short spikes change nothing.
/// </summary>
public sealed class DebouncedGpioInput : IDisposable
{
    /// <summary>How often the pin is read.</summary>
    public static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(20);

    private readonly GpioController _controller;
    private readonly bool _activeLow;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private bool _candidate;
    private DateTimeOffset _candidateSince;

    public DebouncedGpioInput(GpioController controller, int pin, bool activeLow, TimeSpan debounce, TimeProvider time)
    {
        _controller = controller;
        Pin = pin;
        _activeLow = activeLow;
        _debounce = debounce;
        _time = time;

        // An active-low contact closes to ground: the pull-up holds the pin high while it is open.
        _controller.OpenPin(pin, activeLow && controller.IsPinModeSupported(pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
        IsActive = _candidate = ReadActive();
        _candidateSince = time.GetUtcNow();
        _timer = time.CreateTimer(_ => Sample(), null, SamplePeriod, SamplePeriod);
    }

    public int Pin { get; }

    /// <summary>The debounced state: true while the contact is active.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Raised (on the sampling thread) when the debounced state changes; the argument is the new state.</summary>
    public event Action<bool>? Changed;

    /// <summary>Reads the pin once and moves the debounced state on; the timer calls this.</summary>
    public void Sample()
    {
        bool changedTo;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var active = ReadActive();
            if (active != _candidate)
            {
                _candidate = active;
                _candidateSince = now;
            }

            if (_candidate == IsActive || now - _candidateSince < _debounce)
            {
                return;
            }

            IsActive = changedTo = _candidate;
        }

        Changed?.Invoke(changedTo);
    }

    public void Dispose()
    {
        _timer.Dispose();
        if (_controller.IsPinOpen(Pin))
        {
            _controller.ClosePin(Pin);
        }
    }

    private bool ReadActive() => (_controller.Read(Pin) == PinValue.High) != _activeLow;
}
