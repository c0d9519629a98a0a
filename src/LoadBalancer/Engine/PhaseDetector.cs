namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Detects how many phases a car really uses from its measured currents, with hysteresis: a phase
/// that draws at least <see cref="BalancerSettings.PhaseInUseA"/> is counted at once (safe side); a
/// counted phase is dropped only after it drew less than <see cref="BalancerSettings.PhaseIdleA"/>
/// for <see cref="BalancerSettings.PhaseDropTime"/> while the car drew on another phase. A car whose
/// phases its charger's reports told (<see cref="ConnectorInput.KnownPhaseMask"/>) is counted on those
/// at once, and on any other phase it is seen drawing on (with <see cref="BalancerSettings.LearnCarPhases"/>); one a probe
/// through the grid meter placed (<see cref="ConnectorInput.ProbedPhaseMask"/>) always.
/// </summary>
internal static class PhaseDetector
{
    /// <summary>Updates the memory and returns the charger phases (bit mask) the car is counted on.</summary>
    public static int Update(ref ConnectorMemory memory, ConnectorInput connector, BalancerSettings settings, DateTimeOffset now)
    {
        var wiredMask = connector.WiredPhases == 1 ? 0b001 : 0b111;
        var mask = memory.CarPhaseMask == 0 ? wiredMask : memory.CarPhaseMask & wiredMask;
        // The high end of an estimated draw: a phase is dropped only when even that is idle.
        var measured = connector.MeasuredCurrentHighA is { } high ? PhaseCurrents.Max(high, connector.MeasuredCurrentA) : connector.MeasuredCurrentA;
        var drawing = (measured.PhasesCarrying(settings.PhaseInUseA) & wiredMask) != 0;

        for (var k = 0; k < 3; k++)
        {
            var bit = 1 << k;
            if ((wiredMask & bit) == 0)
            {
                continue;
            }

            if (measured[k] >= settings.PhaseInUseA)
            {
                mask |= bit;
                memory.SetIdleSince(k, default);
            }
            else if (measured[k] < settings.PhaseIdleA)
            {
                if (memory.IdleSince(k) == default)
                {
                    memory.SetIdleSince(k, now);
                }
                else if (drawing && now - memory.IdleSince(k) >= settings.PhaseDropTime)
                {
                    mask &= ~bit;
                }
            }
            else
            {
                memory.SetIdleSince(k, default);
            }
        }

        memory.CarPhaseMask = mask == 0 ? wiredMask : mask;
        if ((connector.ProbedPhaseMask & wiredMask) is var probed and not 0)
        {
            // A probe through the grid meter placed it; its readings (one current, put on those phases) can show no other. Not kept in
            // the memory: the moment the verdict is forgotten, the car counts as its readings and the drop time say, not as the probe did.
            return probed | (measured.PhasesCarrying(settings.PhaseInUseA) & wiredMask);
        }

        if (settings.LearnCarPhases && (connector.KnownPhaseMask & wiredMask) is var known and not 0)
        {
            // Its charger's reports told its phases: those, and any its draw shows now (a car that switched).
            return known | (measured.PhasesCarrying(settings.PhaseInUseA) & wiredMask);
        }

        return memory.CarPhaseMask;
    }

    /// <summary>Maps a mask of charger phases to the mask of grid phases they are wired to.</summary>
    public static int ToGridMask(int chargerMask, PhaseRotation rotation)
    {
        var grid = 0;
        for (var k = 0; k < 3; k++)
        {
            if ((chargerMask & (1 << k)) != 0)
            {
                grid |= 1 << rotation.GridPhase(k);
            }
        }

        return grid;
    }
}
