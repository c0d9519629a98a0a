namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>A session's energy register read at a moment: OCPP meterStart/MeterValues/meterStop, or a Modbus register.</summary>
/// <param name="At">When the register read this.</param>
/// <param name="RegisterWh">The register, in Wh (it only counts up; only differences matter).</param>
public readonly record struct EnergyReading(DateTimeOffset At, decimal RegisterWh);
