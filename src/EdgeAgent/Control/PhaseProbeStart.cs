using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// When a probe of a car's phases may begin, and which car (docs/control-loop.md, "A car's phases from a probe"): the site standing
/// still, a grid meter that reads well clear of zero on every phase, and a charging car nothing has placed.
/// </summary>
internal static class PhaseProbeStart
{
    /// <summary>
    /// The least current on every grid phase, before and after a change, for the meter's move to be judged: a meter that reads
    /// current as a size without a sign (as many do) shows a phase crossing zero — a cut on a phase that exports a little — as no
    /// move at all, which would look like a phase the car does not draw on.
    /// </summary>
    public const double LeastGridA = PhaseProbe.CutA + (2 * PhaseProbeVerdict.StillA);

    /// <summary>
    /// How long a car behind a charger with an energy register charges before it is probed: the register's rise places it at no
    /// cost once two reports come with its limit steady (<see cref="PhasesFromEnergy"/>); a probe cuts the car and holds every raise.
    /// </summary>
    public static readonly TimeSpan EnergyFirst = TimeSpan.FromMinutes(2);

    /// <summary>Whether <paramref name="reading"/> can be judged: every phase importing at least <paramref name="leastA"/> (no phase exporting).</summary>
    public static bool Judgeable(MeterReading reading, double leastA) =>
        Math.Min(reading.CurrentA.L1, Math.Min(reading.CurrentA.L2, reading.CurrentA.L3)) >= leastA
        && reading.PowerW.L1 >= 0 && reading.PowerW.L2 >= 0 && reading.PowerW.L3 >= 0;

    /// <summary>
    /// Every limit on the site confirmed, and none sent or confirmed within a response time and a settle that may still move its
    /// car: what the grid reads is the site standing still (a raise answered late moves its car until a response time after its
    /// answer). A limit lowered to no less than what its car takes moves nothing — a tapering car reclaimed step by step, an idle
    /// connector's — and does not count.
    /// </summary>
    public static bool Settled(SiteModel model, DateTimeOffset now, TimeSpan responseTime)
    {
        foreach (var runtime in model.Connectors)
        {
            if (runtime.Disconnected)
            {
                continue;
            }

            if (runtime.Setpoint is not { InFlight: false, Confirmed: true })
            {
                return false;
            }

            var epochs = runtime.History.Epochs;
            var newest = epochs[^1];
            if ((newest.ConfirmedAt ?? newest.From) > now - responseTime - PhaseProbe.Settle && !MovesNothing(runtime, epochs))
            {
                return false;
            }
        }

        return true;
    }

    // The newest limit is lower than the one before and no lower than what the car takes (it limits itself, as a report showed
    // before), or the connector has no car charging.
    private static bool MovesNothing(ConnectorRuntime runtime, System.Collections.Immutable.ImmutableArray<LimitEpoch> epochs)
    {
        if (epochs.Length < 2 || epochs[^1].LimitA >= epochs[^2].LimitA)
        {
            return false;
        }

        return runtime.Status is not { State: ConnectorState.Charging }
            || (runtime.Car.AppetiteA is { } takesA && epochs[^1].LimitA >= takesA - PhaseProbe.CutBelowDrawA);
    }

    /// <summary>
    /// The limit a probe of <paramref name="runtime"/>'s car would start from; null when it is no candidate. A candidate: a charging car
    /// on a three-phase charger that reports one current without a phase, whose phases nothing told (or a probe told a while ago),
    /// that takes what it is offered, at a confirmed limit a cut of at least <see cref="PhaseProbe.LeastCutA"/> leaves at or above its
    /// minimum — and whose charger sends no energy register, or has had <see cref="EnergyFirst"/> to place it by its register.
    /// </summary>
    public static double? FromLimitA(ConnectorRuntime runtime, ChargerSettings charger, DateTimeOffset now)
    {
        var car = runtime.Car;
        if (charger.Phases != 3 || !runtime.Reachable
            || runtime.Status is not { PhasesKnown: false, State: ConnectorState.Charging } status
            || status.CurrentsAt == DateTimeOffset.MinValue || status.CurrentA.Max < DrawEstimator.PhaseInUseA
            || car.PhaseMask != car.ProbedPhaseMask || car.AppetiteA is not null || car.ProbesTried >= PhaseProbe.MostTries || now < car.NextProbeAt
            || runtime.Setpoint is not { Confirmed: true, LimitA: var limitA } || limitA - charger.MinCurrentA < PhaseProbe.LeastCutA
            || (status.EnergyWh > 0 && (runtime.OccupiedSince is not { } since || now - since < EnergyFirst)))
        {
            return null;
        }

        return limitA;
    }
}
