namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>MeterValueType: samples taken at one moment.</summary>
public sealed record MeterValue(DateTimeOffset Timestamp, IReadOnlyList<SampledValue> SampledValue);

/// <summary>SampledValueType: a number (not a string as in 1.6) with its unit and power-of-ten multiplier.</summary>
public sealed record SampledValue(double Value, string? Context = null, string? Measurand = null, string? Phase = null, string? Location = null, UnitOfMeasure? UnitOfMeasure = null);

/// <summary>UnitOfMeasureType: the value is value × 10^multiplier in unit.</summary>
public sealed record UnitOfMeasure(string? Unit = null, int? Multiplier = null);

/// <summary>MeterValuesRequest (OCPP 2.0.1, J01): samples outside a transaction.</summary>
public sealed record MeterValuesRequest(int EvseId, IReadOnlyList<MeterValue> MeterValue);
