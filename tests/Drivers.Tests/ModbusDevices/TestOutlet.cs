using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>An outlet whose electrical side the test sets by hand.</summary>
internal sealed class TestOutlet : ISimulatedOutlet
{
    public ConnectorState State { get; set; } = ConnectorState.Available;

    public PhaseValues CurrentA { get; set; }

    public double EnergyWh { get; set; }

    public string? IdTag { get; set; }

    public double OfferedA { get; set; }
}
