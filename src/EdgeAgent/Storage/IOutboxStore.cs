using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Messages for the cloud that must not be lost: written here before they are sent, removed only
/// when the broker has acknowledged them, sent in the order they were queued.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Queues a message; returns it with its sequence number.</summary>
    Task<OutboxMessage> EnqueueAsync(string topic, string payload, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The oldest messages, in order, without removing them.</summary>
    Task<IReadOnlyList<OutboxMessage>> PeekAsync(int max, CancellationToken cancellationToken);

    /// <summary>Removes an acknowledged message.</summary>
    Task RemoveAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Removes acknowledged messages in one write; returns how many went.</summary>
    Task<int> RemoveAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>How many messages of <paramref name="topic"/> are queued.</summary>
    Task<int> CountAsync(string topic, CancellationToken cancellationToken);

    /// <summary>Removes the oldest messages of <paramref name="topic"/> until at most <paramref name="keep"/> of them are left; returns how many went.</summary>
    Task<int> DropOldestAsync(string topic, int keep, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a message the broker keeps refusing out of the queue into the dead letters, in one
    /// write; the oldest dead letters beyond <paramref name="keep"/> go.
    /// </summary>
    Task MoveAsideAsync(OutboxMessage message, string reason, DateTimeOffset now, int keep, CancellationToken cancellationToken);

    /// <summary>The dead letters, newest first.</summary>
    Task<IReadOnlyList<OutboxDeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken);
}
