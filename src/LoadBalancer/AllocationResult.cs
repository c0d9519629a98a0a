namespace ChargeNet.LoadBalancer;

/// <summary>
/// The output of one allocation: a decision per connector (same order as the snapshot) and a summary
/// (headroom per node and phase). The caller keeps one instance and passes it to every call, so
/// that steady-state allocation does not allocate memory; its contents are replaced on each call.
/// </summary>
public sealed class AllocationResult
{
    private ConnectorAllocation[] _connectors = [];
    private PhaseCurrents[] _nodeHeadroomA = [];
    private PhaseCurrents[] _nodeUncontrolledA = [];
    private int _connectorCount;
    private int _nodeCount;

    /// <summary>One decision per connector, in the order of <see cref="SiteSnapshot.Connectors"/>.</summary>
    public ReadOnlySpan<ConnectorAllocation> Connectors => _connectors.AsSpan(0, _connectorCount);

    /// <summary>
    /// Per node (order of <see cref="SiteSnapshot.Nodes"/>) and phase: how much more current the
    /// connectors below could draw before the node's limit minus the margin is reached (negative when
    /// load the balancer does not control already exceeds it).
    /// </summary>
    public ReadOnlySpan<PhaseCurrents> NodeHeadroomA => _nodeHeadroomA.AsSpan(0, _nodeCount);

    /// <summary>
    /// Per node and phase: the load the balancer planned around as not its own to set — what the meter
    /// saw minus the controlled cars' estimated draw, plus connectors counted conservatively (stale,
    /// idle ones still holding a limit). docs/control-loop.md, "Estimating the load nobody controls".
    /// </summary>
    public ReadOnlySpan<PhaseCurrents> NodeUncontrolledA => _nodeUncontrolledA.AsSpan(0, _nodeCount);

    /// <summary>Whether the grid meter was stale, so the fallback current was the site limit.</summary>
    public bool GridFallbackActive { get; internal set; }

    /// <summary>The charging power left under the site curtailment cap, or null when none is in force.</summary>
    public double? SiteCapHeadroomKw { get; internal set; }

    /// <summary>The strategy that produced this result.</summary>
    public string StrategyName { get; internal set; } = "";

    /// <summary>The snapshot time this result is for.</summary>
    public DateTimeOffset Time { get; internal set; }

    /// <summary>The sum of all connector limits (A, summed over connectors, not phases).</summary>
    public double TotalLimitA
    {
        get
        {
            var total = 0.0;
            foreach (var allocation in Connectors)
            {
                total += allocation.LimitA;
            }

            return total;
        }
    }

    /// <summary>How many connectors got <paramref name="reason"/>.</summary>
    public int CountWithReason(AllocationReason reason)
    {
        var count = 0;
        foreach (var allocation in Connectors)
        {
            if (allocation.Reason == reason)
            {
                count++;
            }
        }

        return count;
    }

    internal Span<ConnectorAllocation> WritableConnectors => _connectors.AsSpan(0, _connectorCount);

    internal Span<PhaseCurrents> WritableNodeHeadroomA => _nodeHeadroomA.AsSpan(0, _nodeCount);

    internal Span<PhaseCurrents> WritableNodeUncontrolledA => _nodeUncontrolledA.AsSpan(0, _nodeCount);

    internal void Reset(int connectorCount, int nodeCount)
    {
        if (_connectors.Length < connectorCount)
        {
            _connectors = new ConnectorAllocation[connectorCount];
        }

        if (_nodeHeadroomA.Length < nodeCount)
        {
            _nodeHeadroomA = new PhaseCurrents[nodeCount];
            _nodeUncontrolledA = new PhaseCurrents[nodeCount];
        }

        _connectorCount = connectorCount;
        _nodeCount = nodeCount;
        GridFallbackActive = false;
        SiteCapHeadroomKw = null;
    }
}
