using System.Net;
using System.Net.Sockets;
using ChargeNet.Drivers.Simulation;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using ChargeNet.EdgeAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>
/// The demo's Modbus devices: a grid meter and wallboxes at the register level, on a Modbus TCP
/// server on loopback, mirroring the simulated site. The daemon reaches them through its real
/// Modbus drivers, exactly as it reaches devices on a real site.
/// </summary>
public sealed partial class DemoModbusServer : IAsyncDisposable
{
    private readonly SimulatedSite _site;
    private readonly DeviceTemplateCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger<DemoModbusServer> _logger;
    private readonly List<SimulatedModbusMeter> _meters = [];
    private readonly List<SimulatedModbusCharger> _chargers = [];
    private ModbusTcpServer? _server;
    private SimulatedGridMeter? _gridPhysics;

    public DemoModbusServer(SimulatedSite site, DeviceTemplateCatalog catalog, TimeProvider time, ILogger<DemoModbusServer> logger)
    {
        _site = site;
        _catalog = catalog;
        _time = time;
        _logger = logger;
    }

    /// <summary>The port it serves on, once started.</summary>
    public int Port => _server?.Port ?? 0;

    /// <summary>Starts on <paramref name="preferredPort"/> (the port a previous run used), or on any free port.</summary>
    public void Start(int preferredPort)
    {
        try
        {
            _server = new ModbusTcpServer(_logger, IPAddress.Loopback, preferredPort);
            _server.Start();
        }
        catch (SocketException) when (preferredPort != 0)
        {
            LogPortTaken(preferredPort);
            _server = new ModbusTcpServer(_logger, IPAddress.Loopback, 0);
            _server.Start();
        }

        _site.Stepped += Mirror;
    }

    /// <summary>Serves every meter and Modbus charger of <paramref name="site"/> that points at this server.</summary>
    public void Serve(SiteConfiguration site)
    {
        var server = _server ?? throw new InvalidOperationException("Start the demo Modbus server first.");
        foreach (var meter in site.Meters.Where(m => PointsHere(m.Modbus) && _catalog.TryGet(m.Driver, out _)))
        {
            var unit = new SimulatedModbusMeter(_catalog.Get(meter.Driver));
            server.AddUnit((byte)meter.Modbus!.UnitId, unit);
            _meters.Add(unit);
            _gridPhysics ??= new SimulatedGridMeter(meter.Id, _site, _time);
        }

        foreach (var charger in site.Chargers.Where(c => c.Protocol == ChargerProtocols.Modbus && PointsHere(c.Modbus)))
        {
            var wiring = SimulatedDeviceFactory.Wire(_site, charger);
            for (var connector = 1; connector <= wiring.Outlets.Count; connector++)
            {
                var unit = new SimulatedModbusCharger(_catalog.Get(charger.Driver!), wiring.Outlets[connector - 1], _time, connector);
                server.AddUnit((byte)(charger.Modbus!.UnitId + unit.UnitIdOffset), unit);
                _chargers.Add(unit);
            }
        }

        Mirror();
    }

    public async ValueTask DisposeAsync()
    {
        _site.Stepped -= Mirror;
        _chargers.ForEach(c => c.Dispose());
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private bool PointsHere(ModbusEndpointSettings? modbus) =>
        modbus is { Transport: ModbusTransports.Tcp, Host: "127.0.0.1" or "localhost" } && modbus.Port == Port;

    private void Mirror()
    {
        if (_gridPhysics is null)
        {
            return;
        }

        // The physics meter answers at once; the register meter then serves its values.
        var reading = _gridPhysics.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (var meter in _meters)
        {
            meter.Update(reading);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo Modbus port {Port} is taken; the demo devices move to a free port")]
    private partial void LogPortTaken(int port);
}
