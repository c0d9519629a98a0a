namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>Heartbeat.conf: the central system's clock.</summary>
public sealed record HeartbeatResponse(
    DateTimeOffset CurrentTime);
