using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.SiteSimulator;

/// <summary>Hands the loop's device registry the simulated site's devices, by their configured ids.</summary>
public sealed class SiteDeviceFactory : IDeviceFactory
{
    private readonly IReadOnlyDictionary<string, IMeter> _meters;
    private readonly IReadOnlyDictionary<string, ICharger> _chargers;

    public SiteDeviceFactory(IReadOnlyDictionary<string, IMeter> meters, IReadOnlyDictionary<string, ICharger> chargers)
    {
        _meters = meters;
        _chargers = chargers;
    }

    public bool CanCreate(MeterSettings meter) => _meters.ContainsKey(meter.Id);

    public bool CanCreate(ChargerSettings charger) => _chargers.ContainsKey(charger.Id);

    public IMeter Create(MeterSettings meter, SiteConfiguration site) => _meters[meter.Id];

    public ICharger Create(ChargerSettings charger, SiteConfiguration site) => _chargers[charger.Id];
}
