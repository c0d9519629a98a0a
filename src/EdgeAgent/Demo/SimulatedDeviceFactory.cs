using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>Devices of protocol or driver <c>simulated</c>, wired into the simulated site.</summary>
public sealed class SimulatedDeviceFactory : IDeviceFactory
{
    private readonly SimulatedSite _site;
    private readonly TimeProvider _time;

    public SimulatedDeviceFactory(SimulatedSite site, TimeProvider time)
    {
        _site = site;
        _time = time;
    }

    public bool CanCreate(MeterSettings meter) => meter.Driver == KnownDrivers.Simulated;

    public bool CanCreate(ChargerSettings charger) => charger.Protocol == ChargerProtocols.Simulated;

    public IMeter Create(MeterSettings meter, SiteConfiguration site) => new SimulatedGridMeter(meter.Id, _site, _time);

    public ICharger Create(ChargerSettings charger, SiteConfiguration site) =>
        new SimulatedCharger(Wire(_site, charger), charger.MaxCurrentA, _time);

    /// <summary>The simulated charger's outlets, wired as the configuration says.</summary>
    public static SimulatedChargerWiring Wire(SimulatedSite site, ChargerSettings charger)
    {
        // The configuration was validated, so the rotation parses; straight wiring is the safe default.
        var rotation = PhaseRotationText.TryParse(charger.PhaseRotation, out var parsed) ? parsed : [0, 1, 2];
        return site.GetOrAddCharger(charger.Id, rotation, charger.Connectors);
    }
}
