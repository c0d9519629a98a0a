namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>GetLocalListVersion.req.</summary>
public sealed record GetLocalListVersionRequest;
