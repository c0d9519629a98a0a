namespace ChargeNet.LoadBalancer.Engine;

/// <summary>What the balancer remembers about one circuit node between calls.</summary>
internal struct NodeMemory
{
    public string? Id;

    /// <summary>Whether the node's meter has given a fresh reading since the balancer started.</summary>
    public bool Seen;

    /// <summary>
    /// Per grid phase, the highest load the balancer does not control seen at this node in a fresh
    /// reading: what is assumed there while the meter is stale.
    /// </summary>
    public PhaseCurrents PeakUncontrolledA;

    /// <summary>
    /// Per grid phase (bit p), whether the last call held a participating car under what it could take by this node's phase
    /// limit (capped there, or paused for it): room kept here is then room those cars lack.
    /// </summary>
    public int ShortPhases;

    /// <summary>The last call's room left under this node's phase limits (its headroom).</summary>
    public PhaseCurrents HeadroomA;

    /// <summary>
    /// The base (load nobody controls) per grid phase as the recent calls estimated it, and when: what a start or cut sent in
    /// one of them was sent on (docs/control-loop-sessions.md, Session 25, "Sizing a measured-overload pause by the measured excess", and
    /// Session 29: kept for the young starts' whole window, not only the last call). Null until the first call.
    /// </summary>
    public BaseHistory? Bases;

    public void RaisePeak(int phase, double currentA)
    {
        if (currentA > PeakUncontrolledA[phase])
        {
            PeakUncontrolledA = PeakUncontrolledA.With(phase, currentA);
        }
    }
}
