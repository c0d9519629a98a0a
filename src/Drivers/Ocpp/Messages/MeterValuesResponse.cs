namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>MeterValues.conf.</summary>
public sealed record MeterValuesResponse;
