namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A car counted on a phase its draw shows idle (docs/control-loop-sessions.md, Session 22). <see cref="PhaseDetector"/> keeps
/// counting a car on every wired phase until a phase has been idle for <see cref="BalancerSettings.PhaseDropTime"/>;
/// once the draw estimate puts a one-phase car on its own phase, its draw is taken out of that phase's reading alone,
/// and for the drop time its whole limit held the other two with nothing taken out there — before its phase was
/// known it cost them only its limit above its draw (the e2e's CP3: 11.5 A on two phases for 30 s, no car raised).
/// So on such a phase it is counted at its limit less its draw on its own phase, as before its phase was known:
/// <list type="bullet">
/// <item>its phase wrong (it draws on the "idle" one): that draw is in the reading there, so the phase is counted at
/// its reading plus its limit less that draw — no less than it may draw;</item>
/// <item>switching to three phases: up to its draw is not counted there until the next reading shows it, as before
/// its phase was known (after the drop time, on main, its whole limit is not);</item>
/// <item>paused or cut below its draw in the cycle the plan is made, it is counted there at its new limit less its draw
/// for that cycle (its low end drops with the cut the next), as before its phase was known. Held off where the meter read
/// over, the credit made fair shares fall with more capacity (AllocationPropertyTests): a switch on the limit, on some phases only;</item>
/// <item>only where a fresh meter reads its draw (counted at its reading there, it may be credited there) — never while
/// the meter is unknown or in the grid's fallback.</item>
/// </list>
/// The estimate of the load nobody controls is not touched: the credit is room on the constraint, not draw taken out.
/// </summary>
internal sealed partial class AllocationProblem
{
    // Per node and phase, Σ of the credits of the cars below counted on that phase while their draw shows it idle.
    private double[] _idlePhaseCreditSubtreeA = [];

    // Connector i, counted on charger phases carMask: on each counted phase whose draw (even its high end) is idle while
    // another counted phase carries one, credit its least draw on a drawing phase — never more than it is counted at.
    private void AddIdlePhaseCredit(int i, ConnectorInput connector, int carMask, PhaseCurrents measured, PhaseCurrents measuredHigh, BalancerSettings settings)
    {
        var drawA = double.PositiveInfinity;
        var idleMask = 0;
        for (var k = 0; k < connector.WiredPhases; k++)
        {
            if ((carMask & (1 << k)) == 0)
            {
                continue;
            }

            if (measured[k] >= settings.PhaseInUseA)
            {
                drawA = Math.Min(drawA, measured[k]);
            }
            else if (Math.Max(measured[k], measuredHigh[k]) < settings.PhaseIdleA)
            {
                idleMask |= 1 << k;
            }
        }

        if (idleMask == 0 || double.IsPositiveInfinity(drawA))
        {
            return;
        }

        var creditA = Math.Min(drawA, CommittedA[i]);
        AddPerPhase(_idlePhaseCreditSubtreeA, connector.CircuitIndex, PhaseDetector.ToGridMask(idleMask, connector.Rotation), creditA);
    }

    // The credit on node k's phase p: only where its fresh meter reads the cars' draw.
    private double IdlePhaseCreditA(int k, int p) => _meterState[k] == MeterState.Fresh ? _idlePhaseCreditSubtreeA[(k * 3) + p] : 0;
}
