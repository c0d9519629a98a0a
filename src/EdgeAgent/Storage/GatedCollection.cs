using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// A LiteDB collection that can only be used through the store's gate (<see cref="LiteTransactions"/>),
/// so no read or write of it overlaps another one of the file.
/// </summary>
internal sealed class GatedCollection(LiteTransactions gate, ILiteCollection<BsonDocument> collection)
{
    /// <summary>One access alone. Return what was read (a list, a count), never a lazy query: it would run outside the gate.</summary>
    public T Use<T>(Func<ILiteCollection<BsonDocument>, T> access) => gate.Alone(() => access(collection));

    /// <summary>Several accesses alone and in one transaction (joining the caller's, when there is one).</summary>
    public T InTransaction<T>(Func<ILiteCollection<BsonDocument>, T> work) => gate.Run(() => work(collection));

    /// <summary>
    /// <paramref name="result"/> of a write that acknowledges something, once that write is on
    /// durable storage (at once inside a caller's transaction: the caller waits after its commit).
    /// </summary>
    public async Task<T> Durable<T>(T result, CancellationToken cancellationToken)
    {
        await gate.DurableAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc cref="Durable{T}(T, CancellationToken)"/>
    public Task Durable(CancellationToken cancellationToken) => gate.DurableAsync(cancellationToken);
}
