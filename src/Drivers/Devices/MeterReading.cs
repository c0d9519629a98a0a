namespace ChargeNet.Drivers.Devices;

/// <summary>One reading of a meter, all values taken at <see cref="Timestamp"/>.</summary>
/// <param name="Timestamp">When the device was read (the edge's clock).</param>
/// <param name="CurrentA">Per-phase current in amperes.</param>
/// <param name="VoltageV">Per-phase voltage to neutral in volts.</param>
/// <param name="PowerW">Per-phase active power in watts (import positive).</param>
/// <param name="TotalPowerW">Total active power in watts (import positive).</param>
/// <param name="ImportEnergyWh">Imported active energy counter in watt-hours.</param>
public sealed record MeterReading(
    DateTimeOffset Timestamp,
    PhaseValues CurrentA,
    PhaseValues VoltageV,
    PhaseValues PowerW,
    double TotalPowerW,
    double ImportEnergyWh);
