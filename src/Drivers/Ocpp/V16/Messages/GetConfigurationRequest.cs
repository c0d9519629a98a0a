namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetConfiguration.req: no keys asks for all.</summary>
public sealed record GetConfigurationRequest(
    IReadOnlyList<string>? Key = null);
