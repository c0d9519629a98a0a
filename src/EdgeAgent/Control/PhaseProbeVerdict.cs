using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Which charger phases one limit change of a car moved, from the grid meter's reading before the change and one after the
/// car answered it (its response time, or sooner once its whole move stood a second), taken while no other connector's limit
/// changed (docs/control-loop.md, "A car's phases from a probe").
/// A car draws the same current on each phase it uses, and a one- or two-phase car draws on its charger's L1 (and L2)
/// (IEC 61851-1), so the phases that moved must each have moved by about the change, the others by about nothing, and they
/// must be L1, L1 and L2, or all three. Anything else — a car that did not follow, another load that moved meanwhile — is no
/// verdict (0), never a guess.
/// </summary>
internal static class PhaseProbeVerdict
{
    /// <summary>A phase that moved by at most this (or a quarter of the change, if more) did not carry the car.</summary>
    public const double StillA = 1.0;

    /// <summary>A phase that carried the car moved by at least this share of the change, and at most <see cref="MostShare"/>.</summary>
    public const double LeastShare = 0.5;

    public const double MostShare = 1.5;

    /// <summary>
    /// The charger phases (bit k = charger phase k) that carried a change of <paramref name="changeA"/> (signed: a cut is
    /// negative), wired to the grid by <paramref name="rotation"/>; 0 when the move is not one car's change — each phase that
    /// carried it having moved by at least <paramref name="leastShare"/> of it.
    /// </summary>
    public static int ChargerPhases(PhaseCurrents before, PhaseCurrents after, double changeA, PhaseRotation rotation, double leastShare = LeastShare)
    {
        var size = Math.Abs(changeA);
        if (size < StillA * 2)
        {
            return 0;
        }

        var sign = Math.Sign(changeA);
        var still = Math.Max(StillA, size / 4);
        var moved = 0;
        var least = double.PositiveInfinity;
        var most = 0.0;
        for (var p = 0; p < 3; p++)
        {
            var move = (after[p] - before[p]) * sign;
            if (move >= size * leastShare && move <= size * MostShare)
            {
                moved |= 1 << p;
                least = Math.Min(least, move);
                most = Math.Max(most, move);
            }
            else if (Math.Abs(move) > still)
            {
                return 0;
            }
        }

        // One car's phases carry one current: phases that moved far apart are more than this car.
        if (moved == 0 || least < most * 0.7)
        {
            return 0;
        }

        var charger = 0;
        for (var k = 0; k < 3; k++)
        {
            if ((moved & (1 << rotation.GridPhase(k))) != 0)
            {
                charger |= 1 << k;
            }
        }

        return charger is 0b001 or 0b011 or 0b111 ? charger : 0;
    }
}
