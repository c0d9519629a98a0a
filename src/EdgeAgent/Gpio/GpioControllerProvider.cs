using System.Device.Gpio;
using ChargeNet.Drivers.Gpio;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>Opens the GPIO controller: the board's own, or a simulated one in demo mode and tests.</summary>
public sealed class GpioControllerProvider
{
    private readonly Func<GpioController> _open;

    private GpioControllerProvider(Func<GpioController> open)
    {
        _open = open;
    }

    public static GpioControllerProvider Board { get; } = new(() => new GpioController());

    public static GpioControllerProvider Simulated(SimulatedGpioDriver driver) => new(() => new GpioController(driver));

    /// <summary>The controller, or null and the reason when this machine has no usable GPIO.</summary>
    public GpioController? TryOpen(out string? error)
    {
        try
        {
            error = null;
            return _open();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = ex.Message;
            return null;
        }
    }
}
