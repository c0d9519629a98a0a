using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What one send of a limit did: the charge point's verdict, the value on the wire, and the profile's validTo.</summary>
public sealed record OcppLimitSend(SetpointResult Result, double SentA, DateTimeOffset? ValidTo);
