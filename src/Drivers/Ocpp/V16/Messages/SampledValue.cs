namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>One measured value (OCPP 1.6, section 7); the value is a decimal number as a string.</summary>
public sealed record SampledValue(
    string Value,
    string? Context = null,
    string? Format = null,
    string? Measurand = null,
    string? Phase = null,
    string? Location = null,
    string? Unit = null);
