namespace ChargeNet.Drivers.Devices;

/// <summary>The quantities the drivers read; <see cref="PhysicalBounds"/> gives each its range in its base unit.</summary>
public enum PhysicalQuantity
{
    /// <summary>A meter's current per phase, A. Signed (export); 6,300 A is the largest LV main breaker.</summary>
    MeterCurrent,

    /// <summary>A charger's current per phase, A: 0 to 1,000 (DC chargers included), -1 A of sensor offset tolerated.</summary>
    ChargerCurrent,

    /// <summary>A voltage, V: 0 to 1,000 (the IEC low-voltage limit; phase-to-phase included).</summary>
    Voltage,

    /// <summary>A power per phase or in total, W, signed: ±20 MW (1,000 V × 6,300 A × 3, rounded up).</summary>
    Power,

    /// <summary>An energy counter, Wh: 0 to 10¹² (a 9-digit kWh register full).</summary>
    Energy,

    /// <summary>A current limit a charger reports in force, A: 0 to 1,000.</summary>
    Limit,
}
