namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>ChangeConfiguration.req.</summary>
public sealed record ChangeConfigurationRequest(
    string Key,
    string Value);
