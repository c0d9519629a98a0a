using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>A charge point admitted at the upgrade: configured (with its registration) or pending, and the OCPP version negotiated.</summary>
public sealed record OcppAdmission(OcppChargerRegistration? Registration, bool Pending, OcppVersion Version = OcppVersion.V16);
