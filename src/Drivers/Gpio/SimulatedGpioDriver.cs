using System.Collections.Concurrent;
using System.Device.Gpio;

namespace ChargeNet.Drivers.Gpio;

/// <summary>
/// A GPIO driver with no hardware behind it, for tests and demo mode: a test sets an input's level
/// with <see cref="SetInput"/> and reads back what the daemon wrote to an output with <see cref="GetOutput"/>.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly ConcurrentDictionary<int, PinValue> _levels = new();
    private readonly ConcurrentDictionary<int, PinMode> _modes = new();
    private readonly ConcurrentDictionary<int, PinChangeEventHandler> _callbacks = new();
    private readonly ConcurrentDictionary<int, bool> _failing = new();
    private readonly ConcurrentDictionary<int, bool> _busy = new();

    public SimulatedGpioDriver(int pinCount = 54)
    {
        PinCount = pinCount;
    }

    protected override int PinCount { get; }

    /// <summary>Drives an input pin to <paramref name="high"/>, as a relay contact would; raises edge callbacks.</summary>
    public void SetInput(int pin, bool high)
    {
        var value = high ? PinValue.High : PinValue.Low;
        var previous = _levels.GetValueOrDefault(pin, PinValue.Low);
        _levels[pin] = value;
        if (previous != value && _callbacks.TryGetValue(pin, out var callback))
        {
            callback(this, new PinValueChangedEventArgs(high ? PinEventTypes.Rising : PinEventTypes.Falling, pin));
        }
    }

    /// <summary>Makes reads of <paramref name="pin"/> fail (as a lost GPIO character device does) until called with false.</summary>
    public void FailReads(int pin, bool fail = true)
    {
        if (fail)
        {
            _failing[pin] = true;
        }
        else
        {
            _failing.TryRemove(pin, out _);
        }
    }

    /// <summary>Makes opening <paramref name="pin"/> fail, as a pin another process holds does, until called with false.</summary>
    public void FailOpen(int pin, bool fail = true)
    {
        if (fail)
        {
            _busy[pin] = true;
        }
        else
        {
            _busy.TryRemove(pin, out _);
        }
    }

    /// <summary>The level the daemon last wrote to an output pin.</summary>
    public bool GetOutput(int pin) => _levels.GetValueOrDefault(pin, PinValue.Low) == PinValue.High;

    // A level a test set before (or across a reopen) stays; an untouched pin floats as its mode says.
    protected override void OpenPin(int pinNumber)
    {
        if (_busy.ContainsKey(pinNumber))
        {
            throw new IOException($"simulated: GPIO pin {pinNumber} is busy");
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        _modes.TryRemove(pinNumber, out _);
        _callbacks.TryRemove(pinNumber, out _);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        if (mode == PinMode.InputPullUp)
        {
            _levels.TryAdd(pinNumber, PinValue.High); // an open contact on a pull-up reads high
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes.GetValueOrDefault(pinNumber, PinMode.Input);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => _failing.ContainsKey(pinNumber)
        ? throw new IOException($"simulated read failure on GPIO pin {pinNumber}")
        : _levels.GetValueOrDefault(pinNumber, PinValue.Low);

    protected override void Write(int pinNumber, PinValue value) => _levels[pinNumber] = value;

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The simulated driver raises callbacks; it does not block waiting for edges.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        _callbacks.AddOrUpdate(pinNumber, callback, (_, existing) => existing + callback);

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        _callbacks.AddOrUpdate(pinNumber, _ => null!, (_, existing) => (existing - callback)!);
}
