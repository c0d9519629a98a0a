using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>The driver of an OCPP charger (any version): it is reached through the connection it opens to the edge.</summary>
public sealed class OcppDeviceFactory : IDeviceFactory
{
    private readonly OcppServer _server;

    public OcppDeviceFactory(OcppServer server)
    {
        _server = server;
    }

    public bool CanCreate(MeterSettings meter) => false;

    public bool CanCreate(ChargerSettings charger) => ChargerProtocols.IsOcpp(charger.Protocol);

    public IMeter Create(MeterSettings meter, SiteConfiguration site) =>
        throw new NotSupportedException("OCPP reaches chargers, not meters.");

    public ICharger Create(ChargerSettings charger, SiteConfiguration site) => new OcppCharger(_server, charger.Id);
}
