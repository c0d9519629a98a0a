namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>Sampled values taken at one time (OCPP 1.6, section 7).</summary>
public sealed record MeterValue(
    DateTimeOffset Timestamp,
    IReadOnlyList<SampledValue> SampledValue);
