using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The spot prices the cloud sent, kept so that a restart still prices sessions by them (docs/pricing.md).</summary>
public interface ISpotPriceStore
{
    SpotPriceTable Load();

    /// <summary>Replaces the stored table; completes once it is on durable storage.</summary>
    Task SaveAsync(SpotPriceTable table, CancellationToken cancellationToken);
}
