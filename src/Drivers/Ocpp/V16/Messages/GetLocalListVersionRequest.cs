namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetLocalListVersion.req.</summary>
public sealed record GetLocalListVersionRequest;
