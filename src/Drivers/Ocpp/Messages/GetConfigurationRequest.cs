namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>GetConfiguration.req: no keys asks for all.</summary>
public sealed record GetConfigurationRequest(
    IReadOnlyList<string>? Key = null);
