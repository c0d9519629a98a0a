using ChargeNet.LoadBalancer.Engine;

namespace ChargeNet.LoadBalancer;

/// <summary>
/// What a strategy carries from one call to the next (detected phases, hold times, reclaim) plus
/// its reusable working memory. The caller keeps one per site and passes it to every call; the
/// output is a pure function of the snapshot and this state. Keyed by connector position and id:
/// a connector whose id or session changes starts afresh.
/// </summary>
public sealed class BalancerState
{
    private ConnectorMemory[] _memory = [];
    private NodeMemory[] _nodeMemory = [];

    internal AllocationProblem Problem { get; } = new();

    internal StrategyScratch Scratch { get; } = new();

    internal Span<ConnectorMemory> Memory => _memory;

    internal Span<NodeMemory> NodeMemory => _nodeMemory;

    /// <summary>Forgets everything remembered.</summary>
    public void Reset()
    {
        Array.Clear(_memory);
        Array.Clear(_nodeMemory);
    }

    /// <summary>Makes room for <paramref name="nodes"/> and starts afresh the entries whose node changed.</summary>
    internal void AlignNodes(CircuitNode[] nodes)
    {
        if (_nodeMemory.Length < nodes.Length)
        {
            Array.Resize(ref _nodeMemory, Math.Max(nodes.Length, _nodeMemory.Length * 2));
        }

        for (var k = 0; k < nodes.Length; k++)
        {
            if (!string.Equals(_nodeMemory[k].Id, nodes[k].Id, StringComparison.Ordinal))
            {
                _nodeMemory[k] = new NodeMemory { Id = nodes[k].Id };
            }
        }
    }

    /// <summary>Makes room for <paramref name="connectors"/> and starts afresh the entries whose connector or session changed.</summary>
    internal void Align(ConnectorInput[] connectors)
    {
        if (_memory.Length < connectors.Length)
        {
            Array.Resize(ref _memory, Math.Max(connectors.Length, _memory.Length * 2));
        }

        for (var i = 0; i < connectors.Length; i++)
        {
            ref var memory = ref _memory[i];
            var connector = connectors[i];
            var sameConnector = string.Equals(memory.Id, connector.Id, StringComparison.Ordinal);
            var sessionEnded = connector.Activity == ConnectorActivity.Available;
            if (!sameConnector || sessionEnded || memory.SessionStartedAt != connector.SessionStartedAt)
            {
                memory = default;
                memory.Id = connector.Id;
                memory.SessionStartedAt = connector.SessionStartedAt;
            }
        }
    }
}
