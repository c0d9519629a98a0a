namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>GetConfiguration.conf.</summary>
public sealed record GetConfigurationResponse(
    IReadOnlyList<KeyValue>? ConfigurationKey = null,
    IReadOnlyList<string>? UnknownKey = null);
