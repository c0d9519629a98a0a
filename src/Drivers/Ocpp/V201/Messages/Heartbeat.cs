namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>HeartbeatRequest (OCPP 2.0.1, G02): no fields.</summary>
public sealed record HeartbeatRequest;

/// <summary>HeartbeatResponse: the central system's clock.</summary>
public sealed record HeartbeatResponse(DateTimeOffset CurrentTime);
