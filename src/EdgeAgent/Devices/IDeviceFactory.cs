using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Devices;

/// <summary>Makes the driver for a configured device, for the protocols and drivers it knows.</summary>
public interface IDeviceFactory
{
    bool CanCreate(MeterSettings meter);

    bool CanCreate(ChargerSettings charger);

    IMeter Create(MeterSettings meter, SiteConfiguration site);

    ICharger Create(ChargerSettings charger, SiteConfiguration site);
}
