using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Ocpp.CostDisplay;

/// <summary>
/// The central system's cost port over the sessions and the cost engine (docs/pricing.md, "The price on the
/// charger"): a driver's price text, a running session's cost as <see cref="SessionRecorder.Running"/> has it, a
/// finished session's as it was stored. The figures are the engine's, unchanged (§7.2 totals incl. VAT).
/// </summary>
public sealed class OcppCostSource(SessionRecorder recorder, ISessionCostCalculator prices, IEdgeStore store, TimeProvider time) : IOcppCostSource
{
    public async Task<string?> PriceTextAsync(string chargePointId, int? connectorId, string idTag, CancellationToken cancellationToken)
    {
        var tariff = await recorder.TariffForAsync(chargePointId, connectorId ?? 0, idTag, cancellationToken).ConfigureAwait(false);
        return tariff is null ? null : prices.PriceAt(chargePointId, tariff, time.GetUtcNow())?.Text();
    }

    // The charger's own tariff (no idTag's), as the driver's page shows it.
    public OcppShownPrice? PriceShown(string chargePointId, DateTimeOffset now) =>
        prices.PriceAt(chargePointId, null, now) is { } price && prices.NextPriceChange(chargePointId, null, now) is { } until
            ? new OcppShownPrice(CostTexts.PriceBoard(price), until)
            : null;

    public decimal? RunningTotal(string chargePointId, int connectorId, ChargerTransactionId transactionId, DateTimeOffset now) =>
        recorder.Running(chargePointId, connectorId, now) is { } running && running.TransactionId == transactionId ? running.Cost?.Total : null;

    public async Task<OcppFinalCost?> FinalCostAsync(string sessionId, CancellationToken cancellationToken) =>
        await store.Sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is { Cost: { } cost }
            ? new OcppFinalCost(cost.Total, CostTexts.Final(cost))
            : null;
}
