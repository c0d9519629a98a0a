using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// Cheap hours in the daemon (docs/load-balancing.md, "Cheap hours"): the energy prices the cloud
/// sent (<c>set-energy-prices</c>, kept in the store's <c>spot_prices</c>) rank the quarter-hours, and
/// a car that said when it leaves and what it needs (OCPP 2.0.1 NotifyEVChargingNeeds), or whose
/// charger has an assumed stay (<c>chargers[].assumedStayHours</c>), waits in a dear one when cheaper
/// ones before its departure give it what it needs. Any other car is never held. Without prices
/// nothing changes. The decisions carry from cycle to cycle (<see cref="CheapHoursHold"/>).
/// </summary>
internal sealed class CheapHoursPlan(SpotPrices prices)
{
    private readonly CheapHoursHold _hold = new();

    /// <param name="snapshot">The cycle's snapshot, its peak target set (or not): what is allocated.</param>
    /// <param name="stayed">The same connectors with the chargers' assumed stays (<see cref="AssumedNeeds.FromChargers"/>): what is planned with.</param>
    /// <param name="roomW">The power the cars together are expected to have in the coming slots (W).</param>
    /// <returns><paramref name="snapshot"/> with the cars that wait marked; nothing else of it changes.</returns>
    public SiteSnapshot Apply(SiteSnapshot snapshot, SiteSnapshot stayed, double roomW)
    {
        var table = prices.Current;
        if (table.Prices.Count == 0)
        {
            _hold.Clear();
            return snapshot;
        }

        var planned = _hold.Apply(stayed, at => table.TryGetPrice(at, out var price) ? (double)price : null, CheapHours.QuarterHour, roomW);
        ConnectorInput[]? waiting = null;
        for (var i = 0; i < planned.Connectors.Length; i++)
        {
            if (planned.Connectors[i].WaitsForCheaperEnergy)
            {
                waiting ??= (ConnectorInput[])snapshot.Connectors.Clone();
                waiting[i] = waiting[i] with { WaitsForCheaperEnergy = true };
            }
        }

        return waiting is null ? snapshot : snapshot with { Connectors = waiting };
    }
}
