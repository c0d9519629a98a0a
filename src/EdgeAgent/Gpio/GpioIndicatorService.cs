using ChargeNet.EdgeAgent.Control;
using Microsoft.Extensions.Hosting;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>Drives the status LED and fault relay from each control cycle.</summary>
public sealed class GpioIndicatorService : IHostedService
{
    private readonly ControlLoop _loop;
    private readonly SiteGpio _gpio;

    public GpioIndicatorService(ControlLoop loop, SiteGpio gpio)
    {
        _loop = loop;
        _gpio = gpio;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop.CycleCompleted += OnCycle;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.CycleCompleted -= OnCycle;
        _gpio.Indicate(healthyCycle: false, fault: true);
        return Task.CompletedTask;
    }

    private void OnCycle(SiteStatus status) =>
        _gpio.Indicate(healthyCycle: true, fault: status.Grid.Fallback || _gpio.Current.EmergencyStop);
}
