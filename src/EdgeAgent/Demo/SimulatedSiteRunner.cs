using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>Moves the simulated site's physics forward four times a second on the daemon's clock.</summary>
public sealed partial class SimulatedSiteRunner : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    private readonly SimulatedSite _site;
    private readonly TimeProvider _time;
    private readonly SiteEventLog _events;
    private readonly ILogger<SimulatedSiteRunner> _logger;

    public SimulatedSiteRunner(SimulatedSite site, TimeProvider time, SiteEventLog events, ILogger<SimulatedSiteRunner> logger)
    {
        _site = site;
        _time = time;
        _events = events;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var moves = new List<(string Charger, int Connector, SimulatedCar Car, bool Arrived)>();
        _site.CarMoved += (charger, connector, car, arrived) => moves.Add((charger, connector, car, arrived));
        using var timer = new PeriodicTimer(Period, _time);
        do
        {
            try
            {
                _site.Step();
                foreach (var (charger, connector, car, arrived) in moves)
                {
                    await _events.RaiseAsync(
                        EventSeverities.Info,
                        charger,
                        arrived ? "demo.car.arrived" : "demo.car.left",
                        arrived
                            ? $"a {car.Profile.Name} car ({car.IdTag}, {car.StateOfCharge:P0} full) plugged into connector {connector}"
                            : $"the car {car.IdTag} left connector {connector} at {car.StateOfCharge:P0} full",
                        stoppingToken).ConfigureAwait(false);
                }

                moves.Clear();
            }
#pragma warning disable CA1031 // One bad step of the simulation must not stop the demo.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogStepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The simulated site failed a step")]
    private partial void LogStepFailed(Exception exception);
}
