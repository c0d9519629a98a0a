using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

public sealed class MultiConnectorChargerTest
{
    [Fact]
    public async Task Each_socket_of_a_double_charger_is_read_and_limited_on_its_own_unit_id()
    {
        // Alfen's double station: socket 2 answers on unit id 2 (unitIdOffset 1), same registers.
        var single = BuiltInTemplates.Catalog.Get("alfen-ng9xx");
        var twin = single with
        {
            Id = "alfen-ng9xx-double",
            Charger = single.Charger! with { Connectors = [new ConnectorDefinition { ConnectorId = 1 }, new ConnectorDefinition { ConnectorId = 2, UnitIdOffset = 1 }] },
        };
        Assert.Empty(DeviceTemplateValidator.Validate(twin));
        var socket1 = new TestOutlet { State = ConnectorState.Charging, CurrentA = new(10, 10, 10) };
        var socket2 = new TestOutlet { State = ConnectorState.Available };
        await using var site = SimulatedSite.Start();
        using var device1 = new SimulatedModbusCharger(twin, socket1, site.Time, connectorId: 1);
        using var device2 = new SimulatedModbusCharger(twin, socket2, site.Time, connectorId: 2);
        site.Server.AddUnit((byte)(1 + device1.UnitIdOffset), device1);
        site.Server.AddUnit((byte)(1 + device2.UnitIdOffset), device2);
        await using var charger = new ModbusCharger("double", twin, site.Client, 1, site.Time, NullLogger.Instance);

        var status = await charger.ReadStatusAsync(CancellationToken.None);
        var result = await charger.SetCurrentLimitAsync(2, 13, CancellationToken.None);

        Assert.Equal([1, 2], status.Connectors.Select(c => c.ConnectorId));
        Assert.Equal(ConnectorState.Charging, status.Connectors[0].State);
        Assert.Equal(10, status.Connectors[0].CurrentA.L1);
        Assert.Equal(ConnectorState.Available, status.Connectors[1].State);
        Assert.Equal(SetpointResult.Accepted, result);
        Assert.Equal(13, socket2.OfferedA);
        Assert.Null(device1.LastWrittenLimitA);
    }
}
