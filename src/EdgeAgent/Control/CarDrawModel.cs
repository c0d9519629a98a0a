namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// What the loop has learnt of a car's draw from its charger's reports: whether it takes what it is
/// offered or stays below (a full battery, a car that limits itself), and on which phases.
/// </summary>
/// <param name="ReportAt">The time of the report it was learnt from.</param>
/// <param name="AppetiteA">The most the car was seen to take while offered more; null: it takes what it is offered.</param>
/// <param name="PhaseMask">The charger phases the car draws on (bit k = charger phase k); 0 = not known.</param>
/// <param name="KnownPhaseMask">
/// The charger phases a report taken while the car's limit was steady showed it drawing on — not a car
/// caught while it answers a change — and any it was seen on since; 0 = not known. The balancer counts the
/// car on these alone from then on (docs/control-loop.md, "What the car takes").
/// </param>
/// <param name="ProbedPhaseMask">
/// The charger phases a probe showed the car on through the grid meter (<see cref="PhaseProbe"/>), for a charger whose reports
/// never told them; 0 = none did. Also in <paramref name="PhaseMask"/> and <paramref name="KnownPhaseMask"/> while it stands
/// (<see cref="ProbedPhases"/>: the grid meter fresh, so that the fallback never rests on it, the charger reachable, the car charging).
/// </param>
/// <param name="ProbesTried">How many probes of this car ended without a verdict.</param>
/// <param name="NextProbeAt">No probe of this car before then.</param>
internal sealed record CarDrawModel(
    DateTimeOffset ReportAt, double? AppetiteA, int PhaseMask, int KnownPhaseMask = 0, int ProbedPhaseMask = 0, int ProbesTried = 0, DateTimeOffset NextProbeAt = default)
{
    /// <summary>What a probe showed, forgotten: counted on every wired phase again, and probed afresh from <paramref name="probeFrom"/>.</summary>
    public CarDrawModel WithoutProbedPhases(DateTimeOffset probeFrom) =>
        ProbedPhaseMask == 0 ? this : this with { PhaseMask = 0, KnownPhaseMask = 0, ProbedPhaseMask = 0, ProbesTried = 0, NextProbeAt = probeFrom };

    /// <summary>Nothing reported yet: the car is taken to follow its limit, on every wired phase.</summary>
    public static readonly CarDrawModel Unknown = new(DateTimeOffset.MinValue, null, 0);
}
