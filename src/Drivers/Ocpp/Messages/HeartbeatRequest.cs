namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>Heartbeat.req.</summary>
public sealed record HeartbeatRequest;
