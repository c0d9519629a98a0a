namespace ChargeNet.LoadBalancer;

/// <summary>Maps a charger's own phases to grid phases.</summary>
public static class PhaseRotationExtensions
{
    /// <summary>The grid phase (0 = L1, 1 = L2, 2 = L3) that the charger's phase <paramref name="chargerPhase"/> is wired to.</summary>
    public static int GridPhase(this PhaseRotation rotation, int chargerPhase)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chargerPhase);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chargerPhase, 2);
        return rotation switch
        {
            PhaseRotation.L1L2L3 => chargerPhase,
            PhaseRotation.L2L3L1 => (chargerPhase + 1) % 3,
            PhaseRotation.L3L1L2 => (chargerPhase + 2) % 3,
            PhaseRotation.L1L3L2 => chargerPhase == 0 ? 0 : 3 - chargerPhase,
            PhaseRotation.L3L2L1 => 2 - chargerPhase,
            PhaseRotation.L2L1L3 => chargerPhase == 2 ? 2 : 1 - chargerPhase,
            _ => throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "unknown phase rotation"),
        };
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
