namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetConfiguration.conf.</summary>
public sealed record GetConfigurationResponse(
    IReadOnlyList<KeyValue>? ConfigurationKey = null,
    IReadOnlyList<string>? UnknownKey = null);
