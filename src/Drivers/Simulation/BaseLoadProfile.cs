using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Simulation;

/// <summary>
/// The building's own load (lights, lifts, ventilation) per phase: low at night, high in office
/// hours, unbalanced between phases, with a little noise. Deterministic for a given seed.
/// </summary>
public sealed class BaseLoadProfile
{
    private readonly Random _random;
    private readonly PhaseValues _nightA;
    private readonly PhaseValues _dayA;
    private PhaseValues _noiseA;

    public BaseLoadProfile(PhaseValues nightA, PhaseValues dayA, int seed)
    {
        _nightA = nightA;
        _dayA = dayA;
        _random = new Random(seed);
    }

    /// <summary>An extra load added on top (a test's base-load step); zero by default.</summary>
    public PhaseValues StepA { get; set; }

    /// <summary>The load at <paramref name="localTime"/>.</summary>
    public PhaseValues At(DateTimeOffset localTime)
    {
        // A smooth day shape: 0 at night, 1 around early afternoon.
        var hour = localTime.TimeOfDay.TotalHours;
        var day = Math.Max(0, Math.Sin((hour - 6) / 14 * Math.PI));
        var shaped = new PhaseValues(
            Lerp(_nightA.L1, _dayA.L1, day),
            Lerp(_nightA.L2, _dayA.L2, day),
            Lerp(_nightA.L3, _dayA.L3, day));

        // A slow random walk, bounded, so the meter never shows a flat line.
        _noiseA = new PhaseValues(Walk(_noiseA.L1), Walk(_noiseA.L2), Walk(_noiseA.L3));
        return shaped + _noiseA + StepA;
    }

    private double Walk(double value) => Math.Clamp(value + ((_random.NextDouble() - 0.5) * 0.6), -3, 3);

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
}
