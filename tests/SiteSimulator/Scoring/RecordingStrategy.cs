using ChargeNet.LoadBalancer;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// The loop's strategy, with what its last allocation decided kept for the score (<see cref="CapacityLossScore"/>):
/// each connector's limit, reason, the grid phases it was counted on and the circuit that bound it, and the load
/// nobody controls each circuit was planned around. The loop reuses its result object, so all is copied.
/// </summary>
public sealed class RecordingStrategy(IAllocationStrategy inner) : IAllocationStrategy
{
    private readonly Dictionary<string, RecordedAllocation> _byConnector = [];
    private readonly Dictionary<string, PhaseCurrents> _uncontrolledByNode = [];
    private readonly Dictionary<string, PhaseCurrents> _headroomByNode = [];

    public string Name => inner.Name;

    /// <summary>The last decision for connector <paramref name="id"/> ("charger/connector"), if any.</summary>
    public RecordedAllocation? Last(string id) => _byConnector.TryGetValue(id, out var allocation) ? allocation : null;

    /// <summary>The load nobody controls the last allocation planned around at circuit <paramref name="nodeId"/>, if any.</summary>
    public PhaseCurrents? Uncontrolled(string nodeId) => _uncontrolledByNode.TryGetValue(nodeId, out var a) ? a : null;

    /// <summary>The room the last allocation left unallocated at circuit <paramref name="nodeId"/> (its limit less the margin, that load, its reserves and the limits given), if any.</summary>
    public PhaseCurrents? Headroom(string nodeId) => _headroomByNode.TryGetValue(nodeId, out var a) ? a : null;

    /// <summary>Half the change band: the targets are planned that far under each phase limit.</summary>
    public double HalfBandA { get; private set; }

    public void Allocate(SiteSnapshot snapshot, BalancerState state, AllocationResult result)
    {
        inner.Allocate(snapshot, state, result);
        var allocations = result.Connectors;
        for (var i = 0; i < allocations.Length; i++)
        {
            var binding = allocations[i].BindingNodeIndex;
            _byConnector[snapshot.Connectors[i].Id] = new RecordedAllocation(allocations[i], binding >= 0 ? snapshot.Nodes[binding].Id : null);
        }

        var uncontrolled = result.NodeUncontrolledA;
        for (var k = 0; k < uncontrolled.Length; k++)
        {
            _uncontrolledByNode[snapshot.Nodes[k].Id] = uncontrolled[k];
            _headroomByNode[snapshot.Nodes[k].Id] = result.NodeHeadroomA[k];
        }

        HalfBandA = (snapshot.Settings.ChangeBandA ?? 0) / 2;
    }
}

/// <summary>One connector's decision and the id of the circuit that bound it (null when none did).</summary>
public sealed record RecordedAllocation(ConnectorAllocation Allocation, string? BindingNodeId);
