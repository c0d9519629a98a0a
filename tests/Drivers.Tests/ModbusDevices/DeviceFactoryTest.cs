using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

public sealed class DeviceFactoryTest
{
    [Fact]
    public async Task A_meter_and_a_charger_made_from_template_ids_work_through_one_shared_link()
    {
        var outlet = new TestOutlet { State = ConnectorState.CarConnected };
        var meterDevice = new SimulatedModbusMeter(BuiltInTemplates.Catalog.Get("eastron-sdm630"));
        meterDevice.Update(new(DateTimeOffset.UnixEpoch, new(7, 8, 9), new(230, 230, 230), new(1, 2, 3), 6, 100));
        using var chargerDevice = new SimulatedModbusCharger(BuiltInTemplates.Catalog.Get("generic-charger"), outlet, TimeProvider.System);
        await using var server = new ModbusTcpServer(NullLogger.Instance);
        server.AddUnit(1, meterDevice);
        server.AddUnit(2, chargerDevice);
        server.Start();
        await using var links = new ModbusLinkPool(TimeProvider.System, NullLogger.Instance);
        var factory = new ModbusDeviceFactory(BuiltInTemplates.Catalog, links, TimeProvider.System, NullLoggerFactory.Instance);
        var endpoint = ModbusEndpoint.Tcp("127.0.0.1", server.Port);

        await using var meter = factory.CreateMeter("grid", "eastron-sdm630", endpoint, 1);
        await using var charger = factory.CreateCharger("wb", "generic-charger", endpoint, 2);

        Assert.Equal(8, (await meter.ReadAsync(CancellationToken.None)).CurrentA.L2);
        Assert.Equal(ConnectorState.CarConnected, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors[0].State);
        Assert.Equal(SetpointResult.Accepted, await charger.SetCurrentLimitAsync(1, 12, CancellationToken.None));
        Assert.Equal(12, outlet.OfferedA);
        Assert.Throws<DeviceTemplateException>(() => factory.CreateMeter("x", "alfen-ng9xx", endpoint, 3));
    }
}
