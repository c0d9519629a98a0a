namespace ChargeNet.LoadBalancer;

/// <summary>
/// One node of the circuit tree: the grid connection (a root, <see cref="ParentIndex"/> = -1), a
/// distribution board or a feeder. Nodes refer to their parent by index into
/// <see cref="SiteSnapshot.Nodes"/>; a parent comes before its children.
/// </summary>
public sealed record CircuitNode
{
    /// <summary>The circuit id as in site.json.</summary>
    public required string Id { get; init; }

    /// <summary>Index of the parent node in <see cref="SiteSnapshot.Nodes"/>, or -1 for a root (the grid connection).</summary>
    public int ParentIndex { get; init; } = -1;

    /// <summary>The current limit of each phase (fuse or contract).</summary>
    public required PhaseCurrents MaxCurrentA { get; init; }

    /// <summary>An optional limit on the total power through this node, in kW.</summary>
    public double? MaxPowerKw { get; init; }

    /// <summary>
    /// An optional hard limit on the difference between the most and the least loaded phase at this
    /// node (VDE-AR-N 4100: 4.6 kVA, about 20 A, at the grid connection).
    /// </summary>
    public double? MaxImbalanceA { get; init; }

    /// <summary>The meter of this node, or null when it has none (then its connectors are assumed to draw what they were allocated).</summary>
    public NodeMeasurement? Meter { get; init; }
}
