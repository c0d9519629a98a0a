namespace ChargeNet.LoadBalancer;

/// <summary>Maps a charger's own phases to grid phases.</summary>
public static class PhaseRotationExtensions
{
    // Per rotation (in the enum's order), the grid phase of the charger's L1, L2 and L3: a table, as
    // the balancer asks this for every connector phase in every cycle.
    private static ReadOnlySpan<byte> GridPhaseOf => [0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 2, 1, 2, 1, 0, 1, 0, 2];

    /// <summary>The grid phase (0 = L1, 1 = L2, 2 = L3) that the charger's phase <paramref name="chargerPhase"/> is wired to.</summary>
    public static int GridPhase(this PhaseRotation rotation, int chargerPhase)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chargerPhase);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chargerPhase, 2);
        var at = ((int)rotation * 3) + chargerPhase;
        if ((uint)at >= (uint)GridPhaseOf.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "unknown phase rotation");
        }

        return GridPhaseOf[at];
    }

    /// <summary>Parses the site.json spelling ("L2L3L1"); false when it is not a permutation of L1L2L3.</summary>
    public static bool TryParse(string? text, out PhaseRotation rotation)
    {
        rotation = PhaseRotation.L1L2L3;
        if (text is null || text.Length != 6)
        {
            return false;
        }

        return Enum.TryParse(text, ignoreCase: false, out rotation) && Enum.IsDefined(rotation);
    }
}
