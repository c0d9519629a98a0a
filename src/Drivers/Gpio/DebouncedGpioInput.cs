using System.Device.Gpio;

namespace ChargeNet.Drivers.Gpio;

/// <summary>
/// A relay contact on a GPIO pin (a grid operator's curtailment relay, an emergency stop), sampled
/// on the given clock: a new level counts only after it has held for the debounce time, so contact
/// bounce and short spikes change nothing — or, going active, for the shorter time the caller may ask
/// (an emergency stop: a contact that flaps faster than the debounce would otherwise never assert). A pin that cannot be read counts as active at once (the
/// safe reading of a contact we cannot see) and the failure is reported; nothing the sampling timer
/// does can end the process.
/// </summary>
public sealed class DebouncedGpioInput : IDisposable
{
    /// <summary>How often the pin is read.</summary>
    public static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(20);

    private readonly GpioController _controller;
    private readonly bool _activeLow;
    private readonly TimeSpan _debounce;
    private readonly TimeSpan _assertAfter;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private bool _candidate;
    private DateTimeOffset _candidateSince;
    private bool _failing;

    /// <param name="assertAfter">How long an active level must hold to count (the release always waits for <paramref name="debounce"/>); the debounce when null.</param>
    public DebouncedGpioInput(GpioController controller, int pin, bool activeLow, TimeSpan debounce, TimeProvider time, TimeSpan? assertAfter = null)
    {
        _controller = controller;
        Pin = pin;
        _activeLow = activeLow;
        _debounce = debounce;
        _assertAfter = assertAfter ?? debounce;
        _time = time;

        // An active-low contact closes to ground: the pull-up holds the pin high while it is open.
        _controller.OpenPin(pin, activeLow && controller.IsPinModeSupported(pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
        IsActive = _candidate = TryReadActive(out var error) ?? true;
        _failing = error is not null;
        InitialError = error;
        _candidateSince = time.GetUtcNow();
        _timer = time.CreateTimer(_ => SampleSafely(), null, SamplePeriod, SamplePeriod);
    }

    public int Pin { get; }

    /// <summary>The debounced state: true while the contact is active (or cannot be read).</summary>
    public bool IsActive { get; private set; }

    /// <summary>Why the first read failed (the input then starts active); null when it succeeded.</summary>
    public Exception? InitialError { get; }

    /// <summary>Raised (on the sampling thread) when the debounced state changes; the argument is the new state.</summary>
    public event Action<bool>? Changed;

    /// <summary>Raised (on the sampling thread) when a read fails after one that succeeded; the input is then active.</summary>
    public event Action<Exception>? ReadFailed;

    /// <summary>Raised once when the pin reads again after <see cref="ReadFailed"/> (the state then follows the debounce as ever).</summary>
    public event Action? ReadRecovered;

    /// <summary>Reads the pin once and moves the debounced state on; the timer calls this.</summary>
    public void Sample()
    {
        Exception? failure = null;
        var recovered = false;
        bool changed;
        bool state;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (TryReadActive(out var error) is not { } active)
            {
                // Unknown counts as active at once, not after the debounce: a stop we cannot see is a stop.
                failure = _failing ? null : error;
                _failing = true;
                changed = !IsActive;
                IsActive = _candidate = true;
                _candidateSince = now;
            }
            else
            {
                recovered = _failing;
                _failing = false;
                if (active != _candidate)
                {
                    _candidate = active;
                    _candidateSince = now;
                }

                changed = _candidate != IsActive && now - _candidateSince >= (_candidate ? _assertAfter : _debounce);
                if (changed)
                {
                    IsActive = _candidate;
                }
            }

            state = IsActive;
        }

        if (failure is not null)
        {
            ReadFailed?.Invoke(failure);
        }

        if (recovered)
        {
            ReadRecovered?.Invoke();
        }

        if (changed)
        {
            Changed?.Invoke(state);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        if (_controller.IsPinOpen(Pin))
        {
            _controller.ClosePin(Pin);
        }
    }

    // A timer callback that throws ends the process: whatever a sample or a handler throws stays here.
    private void SampleSafely()
    {
        try
        {
            Sample();
        }
#pragma warning disable CA1031 // See above; a read failure is already reported by ReadFailed, a handler's own failure has nowhere better to go.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private bool? TryReadActive(out Exception? error)
    {
        try
        {
            error = null;
            return (_controller.Read(Pin) == PinValue.High) != _activeLow;
        }
#pragma warning disable CA1031 // Any failure to read (IOException from the character device, a driver's own) means the same: unknown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
            return null;
        }
    }
}
