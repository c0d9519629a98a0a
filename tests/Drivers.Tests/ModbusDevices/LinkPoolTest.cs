using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

public sealed class LinkPoolTest
{
    [Fact]
    public async Task Devices_behind_one_gateway_share_one_client_and_each_reads_its_own_unit()
    {
        var template = BuiltInTemplates.Catalog.Get("eastron-sdm630");
        var first = new SimulatedModbusMeter(template);
        var second = new SimulatedModbusMeter(template);
        first.Update(new(DateTimeOffset.UnixEpoch, new(1, 2, 3), new(230, 230, 230), new(230, 460, 690), 1380, 10));
        second.Update(new(DateTimeOffset.UnixEpoch, new(4, 5, 6), new(230, 230, 230), new(920, 1150, 1380), 3450, 20));
        await using var server = new ModbusTcpServer(NullLogger.Instance);
        server.AddUnit(1, first);
        server.AddUnit(2, second);
        server.Start();
        await using var links = new ModbusLinkPool(TimeProvider.System, NullLogger.Instance);

        var clientA = links.GetClient(ModbusEndpoint.Tcp("127.0.0.1", server.Port));
        var clientB = links.GetClient(ModbusEndpoint.Tcp("127.0.0.1", server.Port));
        var other = links.GetClient(ModbusEndpoint.RtuOverTcp("127.0.0.1", server.Port));
        await using var meterA = new ModbusMeter("a", template, clientA, 1, TimeProvider.System, NullLogger.Instance);
        await using var meterB = new ModbusMeter("b", template, clientB, 2, TimeProvider.System, NullLogger.Instance);

        var readings = await Task.WhenAll(meterA.ReadAsync(CancellationToken.None), meterB.ReadAsync(CancellationToken.None));

        Assert.Same(clientA, clientB);
        Assert.NotSame(clientA, other);
        Assert.Equal(1, readings[0].CurrentA.L1);
        Assert.Equal(4, readings[1].CurrentA.L1);
    }
}
