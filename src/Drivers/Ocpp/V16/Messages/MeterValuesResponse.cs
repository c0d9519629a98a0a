namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>MeterValues.conf.</summary>
public sealed record MeterValuesResponse;
