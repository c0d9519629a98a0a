using ChargeNet.EdgeAgent.Control;
using Microsoft.Extensions.Hosting;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>
/// Drives the status LED and fault relay from each control cycle: the LED toggles on a completed one; the relay closes on a failed
/// one (it heard only completed cycles, so it stayed open while every cycle failed), the grid's fallback or the emergency stop.
/// </summary>
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
        _loop.StatusChanged += OnCycle;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.StatusChanged -= OnCycle;
        _gpio.Indicate(healthyCycle: false, fault: true);
        return Task.CompletedTask;
    }

    private void OnCycle(SiteStatus status) =>
        _gpio.Indicate(healthyCycle: status.Controlling, fault: !status.Controlling || status.Grid.Fallback || _gpio.Current.EmergencyStop);
}
