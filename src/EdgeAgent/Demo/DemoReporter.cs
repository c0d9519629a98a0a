using System.Globalization;
using ChargeNet.EdgeAgent.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>Tells the person watching the demo what the site is doing: one line every few seconds.</summary>
public sealed partial class DemoReporter : IHostedService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // Before the meter's first reading the chargers are held at their failsafe currents (docs/control-loop.md,
    // "Failsafes", start-up): no fault yet — "unknown" at every start read as one. A meter read and then silent is the fallback.
    private const string NotReadYet = "not read yet (start-up hold: failsafe currents)";

    private readonly ControlLoop _loop;
    private readonly ILogger<DemoReporter> _logger;
    private DateTimeOffset _lastReport;

    public DemoReporter(ControlLoop loop, ILogger<DemoReporter> logger)
    {
        _loop = loop;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop.StatusChanged += OnCycle;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.StatusChanged -= OnCycle;
        return Task.CompletedTask;
    }

    private void OnCycle(SiteStatus status)
    {
        if (status.Ts - _lastReport < Interval || !_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        _lastReport = status.Ts;
        if (!status.Controlling)
        {
            // A failed cycle's status: its limits are failsafes, not a plan; the line says so rather than a share of the room.
            LogNotControlling(status.FailedCycles);
            return;
        }

        var grid = status.Grid.CurrentA is { } a
            ? string.Format(CultureInfo.InvariantCulture, "L1 {0,5:0.0} A  L2 {1,5:0.0} A  L3 {2,5:0.0} A", a[0], a[1], a[2])
            : status.StartupHold ? NotReadYet : "unknown (fallback)";
        var charging = status.Chargers.SelectMany(c => c.Connectors).Count(c => c.State == "charging");
        var connected = status.Chargers.SelectMany(c => c.Connectors).Count(c => c.State != "available" && c.State != "unavailable");
        var allocated = string.Format(CultureInfo.InvariantCulture, "{0:0.0}/{1:0.0}/{2:0.0}", status.AllocatedA[0], status.AllocatedA[1], status.AllocatedA[2]);
        var use = RoomUse.Of(status.Grid) switch
        {
            { RoomA: > 0 } room => string.Format(CultureInfo.InvariantCulture, "{0:0} % of the {1:0} A the limit less its margin leaves them", 100 * room.CarsA / room.RoomA, room.RoomA),
            // The meter is read and the load nobody controls takes all the loop aims at: a fact, not a fault.
            not null => "no room (the load nobody controls takes it all)",
            null when status.StartupHold => "the room not known yet",
            null => "the room unknown (fallback)",
        };
        LogSite(grid, status.Grid.LimitA, charging, connected, use, allocated);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NOT CONTROLLING: {FailedCycles} control cycles in a row failed; every charger is at its failsafe current")]
    private partial void LogNotControlling(int failedCycles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grid {Grid} (limit {LimitA} A per phase) | {Charging} charging of {Connected} cars, using {RoomUse} | allocated {AllocatedA} A")]
    private partial void LogSite(string grid, double limitA, int charging, int connected, string roomUse, string allocatedA);
}
