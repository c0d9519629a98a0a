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

    public void RaisePeak(int phase, double currentA)
    {
        if (currentA > PeakUncontrolledA[phase])
        {
            PeakUncontrolledA = PeakUncontrolledA.With(phase, currentA);
        }
    }
}
