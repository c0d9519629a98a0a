using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;
using ChargeNet.EdgeAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Devices;

/// <summary>Meters and chargers reached over Modbus TCP, described by a device template.</summary>
public sealed class ModbusDeviceFactory : IDeviceFactory
{
    private readonly DeviceTemplateCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    public ModbusDeviceFactory(DeviceTemplateCatalog catalog, TimeProvider time, ILoggerFactory loggers)
    {
        _catalog = catalog;
        _time = time;
        _loggers = loggers;
    }

    public bool CanCreate(MeterSettings meter) =>
        IsTcp(meter.Modbus) && _catalog.TryGet(meter.Driver, out var template) && template.Kind == DeviceKind.Meter;

    public bool CanCreate(ChargerSettings charger) =>
        charger.Protocol == ChargerProtocols.Modbus && IsTcp(charger.Modbus)
        && charger.Driver is { } driver && _catalog.TryGet(driver, out var template) && template.Kind == DeviceKind.Charger;

    public IMeter Create(MeterSettings meter, SiteConfiguration site)
    {
        var modbus = meter.Modbus!;
        var options = meter.PollIntervalS is { } poll
            ? ModbusDeviceOptions.ForMeter with { PollPeriod = TimeSpan.FromSeconds(poll) }
            : ModbusDeviceOptions.ForMeter;
        return ModbusMeter.Create(
            meter.Id, _catalog.Get(meter.Driver), modbus.Host!, modbus.Port, (byte)modbus.UnitId, _time,
            _loggers.CreateLogger("ChargeNet.Drivers.Meters." + meter.Id), options);
    }

    public ICharger Create(ChargerSettings charger, SiteConfiguration site)
    {
        var modbus = charger.Modbus!;
        return ModbusCharger.Create(
            charger.Id, _catalog.Get(charger.Driver!), modbus.Host!, modbus.Port, (byte)modbus.UnitId, _time,
            _loggers.CreateLogger("ChargeNet.Drivers.Chargers." + charger.Id),
            new ModbusChargerSettings { FailsafeCurrentA = charger.FailsafeCurrentA, MaxCurrentA = charger.MaxCurrentA });
    }

    // RTU on a serial line and RTU over TCP come with the serial transport's wiring (issue 4).
    private static bool IsTcp(ModbusEndpointSettings? modbus) =>
        modbus is { Transport: ModbusTransports.Tcp, Host.Length: > 0 };
}
