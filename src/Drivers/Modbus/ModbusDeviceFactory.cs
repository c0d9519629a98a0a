using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Makes Modbus meters and chargers from site.json's terms: an id, a template id (the <c>driver</c>)
/// and where the device is. Devices at the same endpoint share one link through the
/// <see cref="ModbusLinkPool"/>. Register the catalog, the pool and this factory once (singletons).
/// </summary>
/// <example>
/// <code>
/// var catalog = DeviceTemplateCatalog.Load(dataDirectory, logger);
/// await using var links = new ModbusLinkPool(TimeProvider.System, logger);
/// var factory = new ModbusDeviceFactory(catalog, links, TimeProvider.System, loggerFactory);
/// var grid = factory.CreateMeter("grid", "eastron-sdm630", ModbusEndpoint.Tcp("10.0.0.50"), 1);
/// var wallbox = factory.CreateCharger("wb-02", "alfen-ng9xx", ModbusEndpoint.Tcp("10.0.0.61"), 1, new() { FailsafeCurrentA = 6 });
/// </code>
/// </example>
public sealed class ModbusDeviceFactory
{
    private readonly DeviceTemplateCatalog _catalog;
    private readonly ModbusLinkPool _links;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    public ModbusDeviceFactory(DeviceTemplateCatalog catalog, ModbusLinkPool links, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _loggers = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
    }

    /// <summary>A meter; throws <see cref="DeviceTemplateException"/> for an unknown or non-meter template.</summary>
    public ModbusMeter CreateMeter(string meterId, string templateId, ModbusEndpoint endpoint, byte unitId, ModbusDeviceOptions? options = null) =>
        new(meterId, Template(templateId, DeviceKind.Meter), _links.GetClient(endpoint), unitId, _time, _loggers.CreateLogger<ModbusMeter>(), options);

    /// <summary>A charger; throws <see cref="DeviceTemplateException"/> for an unknown or non-charger template.</summary>
    public ModbusCharger CreateCharger(
        string chargerId, string templateId, ModbusEndpoint endpoint, byte unitId, ModbusChargerSettings? settings = null, ModbusDeviceOptions? options = null) =>
        new(chargerId, Template(templateId, DeviceKind.Charger), _links.GetClient(endpoint), unitId, _time, _loggers.CreateLogger<ModbusCharger>(), settings, options);

    private DeviceTemplate Template(string templateId, DeviceKind kind)
    {
        var template = _catalog.Get(templateId);
        return template.Kind == kind
            ? template
            : throw new DeviceTemplateException($"Device template '{templateId}' describes a {template.Kind.ToString().ToLowerInvariant()}, not a {kind.ToString().ToLowerInvariant()}.");
    }
}
