using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The site's event log.</summary>
public interface IEventStore
{
    Task AppendAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);

    /// <summary>Events newest first.</summary>
    Task<IReadOnlyList<EdgeEvent>> ListAsync(int limit, int offset, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Deletes events older than <paramref name="before"/> and the oldest beyond <paramref name="maxCount"/>; returns how many.</summary>
    Task<int> TrimAsync(DateTimeOffset before, int maxCount, CancellationToken cancellationToken);
}
