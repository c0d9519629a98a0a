using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>Meter samples for the page's chart and for diagnosis; trimmed by age.</summary>
public interface ISampleStore
{
    Task AppendAsync(MeterSample sample, CancellationToken cancellationToken);

    /// <summary>The samples of one meter from <paramref name="since"/> on, oldest first.</summary>
    Task<IReadOnlyList<MeterSample>> ListAsync(string meterId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes samples older than <paramref name="before"/>; returns how many.</summary>
    Task<int> TrimAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
