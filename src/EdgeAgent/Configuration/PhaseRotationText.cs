namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// How a charger's phases are wired to the grid's: <c>L2L3L1</c> means the charger's L1 is on grid
/// L2, its L2 on grid L3 and its L3 on grid L1.
/// </summary>
public static class PhaseRotationText
{
    /// <summary>
    /// Reads a rotation into grid phase indexes (0 = L1): element i is the grid phase of charger phase i.
    /// Returns false unless the text is a permutation of L1, L2, L3.
    /// </summary>
    public static bool TryParse(string? text, out int[] gridPhaseOfChargerPhase)
    {
        gridPhaseOfChargerPhase = [];
        if (text is not { Length: 6 })
        {
            return false;
        }

        var result = new int[3];
        var seen = 0;
        for (var i = 0; i < 3; i++)
        {
            if (text[2 * i] is not ('L' or 'l') || text[(2 * i) + 1] is < '1' or > '3')
            {
                return false;
            }

            var phase = text[(2 * i) + 1] - '1';
            if ((seen & (1 << phase)) != 0)
            {
                return false;
            }

            seen |= 1 << phase;
            result[i] = phase;
        }

        gridPhaseOfChargerPhase = result;
        return true;
    }
}
