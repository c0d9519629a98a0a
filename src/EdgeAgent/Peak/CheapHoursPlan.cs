using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// Cheap hours in the daemon (docs/load-balancing.md, "Cheap hours"): the energy prices the cloud
/// sent (<c>set-energy-prices</c>, kept in the store's <c>spot_prices</c>) rank the quarter-hours, and
/// a car that said when it leaves and what it needs (OCPP 2.0.1 NotifyEVChargingNeeds) waits in a
/// dear one when cheaper ones before its departure give it what it needs. A car that said nothing is
/// never held. Without prices nothing changes.
/// </summary>
internal sealed class CheapHoursPlan(SpotPrices prices)
{
    /// <param name="snapshot">The cycle's snapshot, its peak target set (or not).</param>
    /// <param name="roomW">The power the cars together are expected to have in the coming slots (W).</param>
    public SiteSnapshot Apply(SiteSnapshot snapshot, double roomW)
    {
        var table = prices.Current;
        if (table.Prices.Count == 0)
        {
            return snapshot;
        }

        return CheapHours.Apply(snapshot, at => table.TryGetPrice(at, out var price) ? (double)price : null, CheapHours.QuarterHour, roomW);
    }
}
