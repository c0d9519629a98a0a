using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Simulation;
using ChargeNet.Drivers.Simulation.Ocpp;
using ChargeNet.EdgeAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>
/// The demo's OCPP chargers: simulated charge points that connect over a real WebSocket to the
/// daemon's own OCPP endpoint, boot, report their outlets and obey the charging profiles they get.
/// </summary>
public sealed class DemoOcppChargePoints
{
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

    /// <summary>Connects one simulated charge point per OCPP charger of <paramref name="site"/> to <paramref name="ocppBaseUrl"/>.</summary>
    public void Start(Uri ocppBaseUrl, SiteConfiguration site, CancellationToken stopping)
    {
        foreach (var charger in site.Chargers.Where(c => c.Protocol == ChargerProtocols.Ocpp16))
        {
            var wiring = SimulatedDeviceFactory.Wire(_site, charger);
            var chargePoint = new SimulatedOcppChargePoint(
                new SimulatedOcppChargePointOptions
                {
                    CentralSystemUrl = ocppBaseUrl,
                    ChargePointId = charger.Id,
                    Password = charger.OcppPassword is null ? null : DemoSiteConfiguration.OcppPasswordOf(charger.Id),
                    MaxCurrentA = charger.MaxCurrentA,
                },
                wiring.Outlets,
                _server.Context.Protocols.For(ChargeNet.Drivers.Ocpp.OcppVersion.V16).Validator,
                _time,
                _loggers.CreateLogger("ChargeNet.Demo.ChargePoint." + charger.Id));
            _running.Add(RunQuietlyAsync(chargePoint, stopping));
        }
    }

    private static async Task RunQuietlyAsync(SimulatedOcppChargePoint chargePoint, CancellationToken stopping)
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
