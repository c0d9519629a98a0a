namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>Heartbeat.req.</summary>
public sealed record HeartbeatRequest;
