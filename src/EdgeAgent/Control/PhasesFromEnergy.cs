using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The phases a car draws on, from a charger that reports its current without a phase: the energy
/// counter's rise between two reports, over the current and the nominal voltage, is the number of
/// phases carrying it (docs/control-loop.md, "Phases"). A one-phase car on a three-phase charger
/// draws on the charger's L1 (IEC 61851-1), a two-phase one on L1 and L2.
/// </summary>
internal static class PhasesFromEnergy
{
    /// <summary>The voltage the power is divided by; a real one of ±10 % still falls in the bands below.</summary>
    public const double NominalVoltageV = 230;

    /// <summary>Reports closer than this give too few watt-hours to judge (counters step in whole Wh).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);

    /// <summary>Reports further apart than this may span a pause or a change the loop did not see.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(3);

    /// <summary>Below this the counter's resolution and the car's own consumption blur the ratio.</summary>
    public const double MinCurrentA = 5;

    /// <summary>Both reports' currents within this share of each other: the current held over the interval.</summary>
    public const double SteadyShare = 0.1;

    /// <summary>
    /// The charger-phase mask the car draws on, or 0 when the two reports cannot tell: either has
    /// phases of its own or an unusable current, they are too close or too far apart, the current
    /// changed between them, or the ratio falls between the bands (1 ± 0.35, 2 ± 0.35, 3 ± 0.5).
    /// </summary>
    public static int Mask(ConnectorStatus earlier, ConnectorStatus later, int wiredPhases)
    {
        var interval = later.Timestamp - earlier.Timestamp;
        if (earlier.PhasesKnown || later.PhasesKnown || interval < MinInterval || interval > MaxInterval)
        {
            return 0;
        }

        var a = earlier.CurrentA.Max;
        var b = later.CurrentA.Max;
        if (Math.Min(a, b) < MinCurrentA || Math.Abs(a - b) > SteadyShare * Math.Max(a, b))
        {
            return 0;
        }

        var watts = (later.EnergyWh - earlier.EnergyWh) * 3600 / interval.TotalSeconds;
        var phases = watts / (NominalVoltageV * (a + b) / 2);
        return phases switch
        {
            >= 0.65 and <= 1.35 => 0b001,
            >= 1.65 and <= 2.35 when wiredPhases >= 2 => 0b011,
            >= 2.5 and <= 3.5 when wiredPhases >= 3 => 0b111,
            _ => 0,
        };
    }
}
