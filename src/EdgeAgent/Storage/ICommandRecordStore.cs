using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The cloud commands this edge has taken on, by their id: begun before the command runs, finished
/// with its answer. Bounded: the oldest records go first.
/// </summary>
public interface ICommandRecordStore
{
    /// <summary>The record of <paramref name="id"/>, or null when that id was never taken on (or was forgotten).</summary>
    Task<CommandRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Records that the command <paramref name="id"/> is being carried out (no answer yet).</summary>
    Task BeginAsync(string id, string name, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Keeps the answer of <paramref name="id"/>.</summary>
    Task FinishAsync(string id, string answerJson, CancellationToken cancellationToken);

    /// <summary>Removes the oldest records until at most <paramref name="keep"/> are left; returns how many went.</summary>
    Task<int> TrimAsync(int keep, CancellationToken cancellationToken);
}
