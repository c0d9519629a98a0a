using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Simulation;
using ChargeNet.Drivers.Simulation.Ocpp;
using ChargeNet.EdgeAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>
/// The demo's OCPP chargers: simulated charge points (OCPP 1.6J or 2.0.1, as each is configured) that connect over a
/// real WebSocket to the daemon's own OCPP endpoint, boot, report their outlets and obey the charging profiles they get.
/// </summary>
public sealed class DemoOcppChargePoints : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SimulatedSite _site;
    private readonly OcppServer _server;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly List<Task> _running = [];

    public DemoOcppChargePoints(SimulatedSite site, OcppServer server, TimeProvider time, ILoggerFactory loggers)
    {
        _site = site;
        _server = server;
        _time = time;
        _loggers = loggers;
    }

    /// <summary>
    /// Connects one simulated charge point per OCPP charger of <paramref name="site"/> to <paramref name="ocppBaseUrl"/>, speaking the
    /// charger's configured version. When <paramref name="stopping"/> fires each closes its connection with 1001 (going away), the
    /// server told first that the edge is stopping, so their goodbyes are not <c>ocpp.disconnected</c> warnings whichever close lands first.
    /// </summary>
    public void Start(Uri ocppBaseUrl, SiteConfiguration site, CancellationToken stopping)
    {
        stopping.Register(() =>
        {
            _server.BeginStopping();
            _stop.Cancel();
        });
        foreach (var charger in site.Chargers.Where(c => ChargerProtocols.IsOcpp(c.Protocol)))
        {
            var wiring = SimulatedDeviceFactory.Wire(_site, charger);
            var options = new SimulatedOcppChargePointOptions
            {
                CentralSystemUrl = ocppBaseUrl,
                ChargePointId = charger.Id,
                Password = charger.OcppPassword is null ? null : DemoSiteConfiguration.OcppPasswordOf(charger.Id),
                MaxCurrentA = charger.MaxCurrentA,
            };
            var logger = _loggers.CreateLogger("ChargeNet.Demo.ChargePoint." + charger.Id);
            SimulatedOcppStationBase station = charger.Protocol == ChargerProtocols.Ocpp201
                ? new SimulatedOcpp201Station(options, wiring.Outlets, _server.Context.Protocols.For(OcppVersion.V201).Validator, _time, logger)
                : new SimulatedOcppChargePoint(options, wiring.Outlets, _server.Context.Protocols.For(OcppVersion.V16).Validator, _time, logger);
            _running.Add(RunQuietlyAsync(station, _stop.Token));
        }
    }

    public void Dispose() => _stop.Dispose();

    private static async Task RunQuietlyAsync(SimulatedOcppStationBase chargePoint, CancellationToken stopping)
    {
        try
        {
            await chargePoint.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The demo is stopping.
        }
    }
}
