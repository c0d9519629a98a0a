using ChargeNet.EdgeAgent.Peak;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The month's power windows of the peak target, so a restart or a power cut does not forget the month's peak (docs/load-balancing.md).</summary>
public interface IPeakStore
{
    /// <summary>The last record kept; null when none is.</summary>
    PeakRecord? Load();

    /// <summary>Replaces the record; completes once it is on durable storage.</summary>
    Task SaveAsync(PeakRecord record, CancellationToken cancellationToken);
}
