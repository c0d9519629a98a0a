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

    internal AllocationProblem Problem { get; } = new();

    internal StrategyScratch Scratch { get; } = new();

    internal Span<ConnectorMemory> Memory => _memory;

    /// <summary>Forgets everything remembered.</summary>
    public void Reset() => Array.Clear(_memory);

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
