namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A charger that did not take some of its latest limits (refused, failed, timed out: <see cref="ConnectorInput.LimitsNotTaken"/>)
/// may not take the cut the grid meter's fallback needs either, and while it refuses its car keeps what it has. The fallback
/// must hold within meterTimeoutS + one cycle + the dead time (issue 13, property 4): the other cars can be cut harder (the
/// fallback's hedge in <see cref="TransitionPlanner"/>), but a car that alone draws more than the fallback current keeps the
/// phase over it for as long as its charger refuses (site bench seed 1 at 5 s: a 32 A car against a 30 A fallback, four
/// refusals in a row, 4 s past the bound; docs/control-loop.md, Session 19). So such a charger is offered no more than the
/// fallback current. Not split between several such chargers on a phase: that cost 1–8 points of capacity on the bench's
/// fault runs (the same session), and is left open. Never under a car's minimum: no car is paused for it.
/// </summary>
internal sealed partial class AllocationProblem
{
    private void CapRefusingAtFallback(SiteSnapshot snapshot)
    {
        if (!GridHasMeter())
        {
            return; // no fallback to keep
        }

        var connectors = snapshot.Connectors;
        for (var i = 0; i < ConnectorCount; i++)
        {
            var capA = Steps.Down(snapshot.Settings.FallbackCurrentA, connectors[i].StepA);
            if (Participates[i] && connectors[i].LimitsNotTaken > 0 && capA >= LowA[i] && capA < HighA[i])
            {
                HighA[i] = capA;
                HighReason[i] = AllocationReason.NodeCurrentLimit; // the grid's fallback current
                FixedReason[i] = HighReason[i];
            }
        }
    }

    // The meter states of this cycle are set before this runs (Build): the grid is the node with no parent.
    private bool GridHasMeter()
    {
        for (var k = 0; k < NodeCount; k++)
        {
            if (NodeParent[k] < 0 && _meterState[k] != MeterState.None)
            {
                return true;
            }
        }

        return false;
    }
}
