namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>ChangeConfiguration.req.</summary>
public sealed record ChangeConfigurationRequest(
    string Key,
    string Value);
