using System.IO.Ports;
using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Devices;

/// <summary>
/// Meters and chargers reached over Modbus — TCP, RTU on a serial line, or RTU through a TCP
/// gateway — described by a device template. Devices at one address (a gateway, an RS-485 bus)
/// share one link, which takes one request at a time and gives each device its turn.
/// </summary>
public sealed class ConfiguredModbusDeviceFactory : IDeviceFactory
{
    private readonly DeviceTemplateCatalog _catalog;
    private readonly ModbusDeviceFactory _devices;

    public ConfiguredModbusDeviceFactory(DeviceTemplateCatalog catalog, ModbusDeviceFactory devices)
    {
        _catalog = catalog;
        _devices = devices;
    }

    public bool CanCreate(MeterSettings meter) =>
        Endpoint(meter.Modbus) is not null && _catalog.TryGet(meter.Driver, out var template) && template.Kind == DeviceKind.Meter;

    public bool CanCreate(ChargerSettings charger) =>
        charger.Protocol == ChargerProtocols.Modbus && Endpoint(charger.Modbus) is not null
        && charger.Driver is { } driver && _catalog.TryGet(driver, out var template) && template.Kind == DeviceKind.Charger;

    public IMeter Create(MeterSettings meter, SiteConfiguration site)
    {
        var options = meter.PollIntervalS is { } poll
            ? ModbusDeviceOptions.ForMeter with { PollPeriod = TimeSpan.FromSeconds(poll) }
            : ModbusDeviceOptions.ForMeter;
        return _devices.CreateMeter(meter.Id, meter.Driver, Endpoint(meter.Modbus)!, (byte)meter.Modbus!.UnitId, options);
    }

    public ICharger Create(ChargerSettings charger, SiteConfiguration site) =>
        _devices.CreateCharger(
            charger.Id,
            charger.Driver!,
            Endpoint(charger.Modbus)!,
            (byte)charger.Modbus!.UnitId,
            new ModbusChargerSettings { FailsafeCurrentA = charger.FailsafeCurrentA, MaxCurrentA = charger.MaxCurrentA });

    /// <summary>Where the site configuration says the device is; null when it says nothing usable.</summary>
    public static ModbusEndpoint? Endpoint(ModbusEndpointSettings? modbus) => modbus switch
    {
        { Transport: ModbusTransports.Tcp, Host.Length: > 0 } => ModbusEndpoint.Tcp(modbus.Host, modbus.Port),
        { Transport: ModbusTransports.RtuOverTcp, Host.Length: > 0 } => ModbusEndpoint.RtuOverTcp(modbus.Host, modbus.Port),
        { Transport: ModbusTransports.Rtu, SerialPort.Length: > 0 } => ModbusEndpoint.Serial(
            modbus.SerialPort,
            modbus.BaudRate,
            modbus.Parity switch { "none" => Parity.None, "odd" => Parity.Odd, _ => Parity.Even },
            modbus.StopBits == 2 ? StopBits.Two : StopBits.One),
        _ => null,
    };
}
