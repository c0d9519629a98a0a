using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Simulation;

/// <summary>
/// A charger reached in-process (protocol <c>simulated</c>): the simplest driver over simulated
/// outlets, for tests of the control loop. Demo mode also drives its outlets through the Modbus
/// and OCPP simulators, so the real drivers run there.
/// </summary>
public sealed class SimulatedCharger : ICharger
{
    private readonly SimulatedChargerWiring _wiring;
    private readonly TimeProvider _time;
    private readonly double _maxCurrentA;

    public SimulatedCharger(SimulatedChargerWiring wiring, double maxCurrentA, TimeProvider time)
    {
        _wiring = wiring;
        _maxCurrentA = maxCurrentA;
        _time = time;
    }

    public string Id => _wiring.ChargerId;

    /// <summary>While false the charger neither answers nor obeys (a test's silent charger).</summary>
    public bool Online { get; set; } = true;

    public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Online)
        {
            throw new DeviceException($"charger '{Id}': no answer (simulated)");
        }

        var now = _time.GetUtcNow();
        var connectors = _wiring.Outlets
            .Select((o, i) => new ConnectorStatus(i + 1, o.State, o.CurrentA, o.EnergyWh, o.OfferedA, now))
            .ToList();
        return Task.FromResult(new ChargerStatus(Id, true, connectors, now));
    }

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        if (!Online)
        {
            return Task.FromResult(SetpointResult.Failed("no answer (simulated)"));
        }

        if (connectorId < 1 || connectorId > _wiring.Outlets.Count)
        {
            return Task.FromResult(SetpointResult.Rejected($"there is no connector {connectorId}"));
        }

        if (limitA < 0 || limitA > _maxCurrentA || double.IsNaN(limitA))
        {
            return Task.FromResult(SetpointResult.Rejected($"{limitA} A is outside 0–{_maxCurrentA} A"));
        }

        _wiring.Outlets[connectorId - 1].OfferedA = limitA;
        return Task.FromResult(SetpointResult.Accepted);
    }
}
