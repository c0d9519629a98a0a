using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

internal static class BuiltInTemplates
{
    public static DeviceTemplateCatalog Catalog { get; } = DeviceTemplateCatalog.LoadBuiltIn(NullLogger.Instance);
}
