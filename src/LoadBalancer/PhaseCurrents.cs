namespace ChargeNet.LoadBalancer;

/// <summary>A current in amperes on each of the three grid phases (L1, L2, L3).</summary>
public readonly record struct PhaseCurrents(double L1A, double L2A, double L3A)
{
    /// <summary>Zero on every phase.</summary>
    public static PhaseCurrents Zero => default;

    /// <summary>The same current on all three phases.</summary>
    public static PhaseCurrents All(double currentA) => new(currentA, currentA, currentA);

    /// <summary>The current on phase 0 (L1), 1 (L2) or 2 (L3).</summary>
    public double this[int phase] => phase == 0 ? L1A : phase == 1 ? L2A : phase == 2 ? L3A : NotAPhase(phase);

    /// <summary>The largest of the three.</summary>
    public double MaxA => Math.Max(L1A, Math.Max(L2A, L3A));

    /// <summary>The phases (bit 0 = L1, 1 = L2, 2 = L3) that carry at least <paramref name="atLeastA"/>.</summary>
    public int PhasesCarrying(double atLeastA) =>
        (L1A >= atLeastA ? 0b001 : 0) | (L2A >= atLeastA ? 0b010 : 0) | (L3A >= atLeastA ? 0b100 : 0);

    /// <summary>The larger of the two on each phase.</summary>
    public static PhaseCurrents Max(PhaseCurrents a, PhaseCurrents b) =>
        new(Math.Max(a.L1A, b.L1A), Math.Max(a.L2A, b.L2A), Math.Max(a.L3A, b.L3A));

    /// <summary>A copy with one phase replaced.</summary>
    public PhaseCurrents With(int phase, double currentA) => phase switch
    {
        0 => this with { L1A = currentA },
        1 => this with { L2A = currentA },
        2 => this with { L3A = currentA },
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "a phase is 0, 1 or 2"),
    };

    // Apart, so the indexer stays small enough to be inlined on the balancer's hot path.
    private static double NotAPhase(int phase) =>
        throw new ArgumentOutOfRangeException(nameof(phase), phase, "a phase is 0, 1 or 2");
}
