using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The phases a car draws on, from a charger that reports its current without a phase: the energy
/// counter's rise between two reports is the power carried (<see cref="PhasesFromPower"/>; docs/control-loop-sessions.md,
/// Session 33, "Phases from the power a charger samples").
/// </summary>
internal static class PhasesFromEnergy
{
    /// <summary>Reports closer than this give too few watt-hours to judge (counters step in whole Wh).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);

    /// <summary>Reports further apart than this may span a pause or a change the loop did not see.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(3);

    /// <summary>Both reports' currents within this share of each other: the current held over the interval.</summary>
    public const double SteadyShare = 0.1;

    /// <summary>
    /// Whether the car was free to draw what both reports show between them, from a response time before the first (a
    /// car still answering a limit then): <see cref="PhasesFromPower.Steady"/>.
    /// </summary>
    public static bool Steady(LimitHistory history, ConnectorStatus earlier, ConnectorStatus later, TimeSpan responseTime) =>
        PhasesFromPower.Steady(history, earlier.Timestamp - responseTime, later.Timestamp, Math.Max(earlier.CurrentA.Max, later.CurrentA.Max));

    /// <summary>
    /// The charger-phase mask the car draws on, or 0 when the two reports cannot tell: either has
    /// phases of its own or an unusable current, they are too close or too far apart, the current
    /// changed between them, or the ratio falls between the bands (1 ± 0.35, 2 ± 0.35, 3 ± 0.5).
    /// </summary>
    public static int Mask(ConnectorStatus earlier, ConnectorStatus later, int wiredPhases)
    {
        var interval = later.Timestamp - earlier.Timestamp;
        var a = earlier.CurrentA.Max;
        var b = later.CurrentA.Max;
        if (!CurrentHeld(earlier, later) || interval < MinInterval || interval > MaxInterval || Math.Min(a, b) < PhasesFromPower.MinCurrentA)
        {
            return 0;
        }

        // A register of 0.01 kWh steps by 10 Wh: the rise may be off by one step either way, and a verdict must hold for both.
        var stepWh = RegisterStep(earlier.EnergyWh, later.EnergyWh);
        var riseWh = later.EnergyWh - earlier.EnergyWh;
        var perWh = 3600 / interval.TotalSeconds;
        var mask = PhasesFromPower.Mask(riseWh * perWh, (a + b) / 2, wiredPhases);
        return stepWh == 0
            || (PhasesFromPower.Mask((riseWh - stepWh) * perWh, (a + b) / 2, wiredPhases) == mask
                && PhasesFromPower.Mask((riseWh + stepWh) * perWh, (a + b) / 2, wiredPhases) == mask)
            ? mask
            : 0;
    }

    /// <summary>Whether both reports give one current without phase, within <see cref="SteadyShare"/> of each other.</summary>
    public static bool CurrentHeld(ConnectorStatus earlier, ConnectorStatus later)
    {
        var a = earlier.CurrentA.Max;
        var b = later.CurrentA.Max;
        return !earlier.PhasesKnown && !later.PhasesKnown && Math.Abs(a - b) <= SteadyShare * Math.Max(a, b);
    }

    /// <summary>
    /// The step of the energy register both values are whole multiples of — 1,000, 100, 10 or 1 Wh (a kWh register with no,
    /// one, two or three decimals) — or 0 when they are finer. Two values of a finer register that both fall on a step
    /// only make the judgement stricter.
    /// </summary>
    public static double RegisterStep(double aWh, double bWh)
    {
        foreach (var step in (ReadOnlySpan<double>)[1000, 100, 10, 1])
        {
            if (IsMultiple(aWh, step) && IsMultiple(bWh, step))
            {
                return step;
            }
        }

        return 0;
    }

    private static bool IsMultiple(double value, double step) => Math.Abs(value - (Math.Round(value / step) * step)) < 1e-6;
}
