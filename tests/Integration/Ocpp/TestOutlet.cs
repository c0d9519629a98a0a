using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>An outlet whose car the test moves by hand.</summary>
public sealed class TestOutlet : ISimulatedOutlet
{
    private double _offeredA;

    public ConnectorState State { get; set; } = ConnectorState.Available;

    public PhaseValues CurrentA { get; set; }

    public double EnergyWh { get; set; }

    public string? IdTag { get; set; }

    public double OfferedA
    {
        get => Volatile.Read(ref _offeredA);
        set => Volatile.Write(ref _offeredA, value);
    }
}
