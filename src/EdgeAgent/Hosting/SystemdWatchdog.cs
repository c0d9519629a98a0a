using ChargeNet.EdgeAgent.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>
/// Sends systemd's WATCHDOG=1 after each completed control cycle (and each turn with no configuration to
/// control: <see cref="ControlLoop.Alive"/>), and only then: if the loop stalls or its cycles fail, the
/// pings stop and systemd restarts the daemon (WatchdogSec= in the unit), while the chargers' own
/// failsafe currents keep the site safe meanwhile.
/// </summary>
public sealed class SystemdWatchdog : IHostedService
{
    private static readonly ServiceState Watchdog = new("WATCHDOG=1");

    private readonly ControlLoop _loop;
    private readonly ISystemdNotifier _notifier;

    public SystemdWatchdog(ControlLoop loop, ISystemdNotifier notifier)
    {
        _loop = loop;
        _notifier = notifier;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_notifier.IsEnabled)
        {
            _loop.Alive += Ping;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.Alive -= Ping;
        return Task.CompletedTask;
    }

    private void Ping() => _notifier.Notify(Watchdog);
}
