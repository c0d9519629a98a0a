using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The phases a car draws on, from a charger that reports its current without a phase: its power over the current and the
/// nominal voltage is the number of phases carrying it (docs/control-loop-sessions.md, Session 33, "Phases from the power a
/// charger samples"). The power is the charger's own Power.Active.Import sampled with the current (the edge asks for it on
/// boot), or the energy counter's rise between two reports (<see cref="PhasesFromEnergy"/>). A one-phase car on a
/// three-phase charger draws on the charger's L1 (IEC 61851-1), a two-phase one on L1 and L2.
/// </summary>
internal static class PhasesFromPower
{
    /// <summary>The voltage the power is divided by; a real one of ±10 % still falls in the bands below.</summary>
    public const double NominalVoltageV = 230;

    /// <summary>Below this the meter's resolution and the car's own consumption blur the ratio.</summary>
    public const double MinCurrentA = 5;

    /// <summary>
    /// The charger-phase mask of a car drawing <paramref name="watts"/> at <paramref name="currentA"/> a phase, or 0 when
    /// that cannot tell: too little current, or a ratio between the bands (1 ± 0.35, 2 ± 0.35, 3 ± 0.5) or above the
    /// charger's wired phases.
    /// </summary>
    public static int Mask(double watts, double currentA, int wiredPhases)
    {
        if (currentA < MinCurrentA || !double.IsFinite(watts))
        {
            return 0;
        }

        return (watts / (NominalVoltageV * currentA)) switch
        {
            >= 0.65 and <= 1.35 => 0b001,
            >= 1.65 and <= 2.35 when wiredPhases >= 2 => 0b011,
            >= 2.5 and <= 3.5 when wiredPhases >= 3 => 0b111,
            _ => 0,
        };
    }

    /// <summary>The mask from a report's own power sampled with its current without phase; 0 when it has none or cannot tell.</summary>
    public static int Mask(ConnectorStatus status, int wiredPhases) =>
        !status.PhasesKnown && status.PowerW is { } watts ? Mask(watts, status.CurrentA.Max, wiredPhases) : 0;

    /// <summary>
    /// Whether <paramref name="later"/>'s sampled power may be judged: its currents were measured after
    /// <paramref name="earlier"/>'s (a StatusNotification re-stamps older currents — at a new car's plug-in, the last
    /// car's), both without phases and within <see cref="PhasesFromEnergy.SteadyShare"/> of each other (<see cref="PhasesFromEnergy.CurrentHeld"/>), and the car free to
    /// draw them from a response time before the earlier one on (<see cref="Steady"/>): a charger may average the current
    /// over its sample interval and sample the power at its end, and the two agree only where the car held its draw.
    /// </summary>
    public static bool SampledSince(ConnectorStatus earlier, ConnectorStatus later, LimitHistory history, TimeSpan responseTime) =>
        later.PowerW is not null && later.CurrentsAt > earlier.CurrentsAt && PhasesFromEnergy.CurrentHeld(earlier, later)
        && Steady(history, earlier.CurrentsAt - responseTime, later.CurrentsAt, Math.Max(earlier.CurrentA.Max, later.CurrentA.Max));

    /// <summary>
    /// Whether the car was free to draw what its reports show over [<paramref name="from"/>, <paramref name="to"/>]: no
    /// limit sent or ended in it (a car answering a change may draw less for part of it, and an energy rise would then
    /// show fewer phases than it draws on; a power sampled beside a current averaged over the window, too), and no
    /// current (<paramref name="highA"/>) above the limit in force: that is no one phase's current, but a charger's sum
    /// of its phases (OCPP calls a value without phase "an overall value").
    /// </summary>
    public static bool Steady(LimitHistory history, DateTimeOffset from, DateTimeOffset to, double highA)
    {
        if (history.ChangedWithin(from, to))
        {
            return false;
        }

        var (_, mostA) = history.InForce(from, to, includeUnknown: true);
        return highA <= mostA + DrawEstimator.SelfLimitedBelowA;
    }
}
