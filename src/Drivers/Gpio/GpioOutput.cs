using System.Device.Gpio;

namespace ChargeNet.Drivers.Gpio;

/// <summary>An output pin (a status LED, a fault relay) switched by meaning, not by level.</summary>
public sealed class GpioOutput : IDisposable
{
    private readonly GpioController _controller;
    private readonly bool _activeLow;

    public GpioOutput(GpioController controller, int pin, bool activeLow)
    {
        _controller = controller;
        _activeLow = activeLow;
        Pin = pin;
        _controller.OpenPin(pin, PinMode.Output, activeLow ? PinValue.High : PinValue.Low);
    }

    public int Pin { get; }

    public bool IsOn { get; private set; }

    public void Set(bool on)
    {
        IsOn = on;
        _controller.Write(Pin, on != _activeLow ? PinValue.High : PinValue.Low);
    }

    public void Dispose()
    {
        if (_controller.IsPinOpen(Pin))
        {
            _controller.ClosePin(Pin);
        }
    }
}
