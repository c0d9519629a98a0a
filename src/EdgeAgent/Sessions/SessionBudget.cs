using System.Text.Json.Serialization;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// What a session may use, paid or reserved elsewhere (a card terminal, a QR payment): a cost and/or
/// an energy the edge stops it at (docs/pricing.md, "Budgets"). It comes with <c>cmd/start-session</c>
/// or the cloud's <c>authorize-result</c>, is stored with the session from its start, and
/// <see cref="ReachedAt"/> is set (and stored) when the edge decided to stop it.
/// </summary>
/// <param name="MaxCost">The most the session may cost (its running <c>total</c>, incl. VAT, in the site's currency); null: no bound.</param>
/// <param name="MaxEnergyWh">The most energy it may take, in Wh; null: no bound.</param>
/// <param name="ReachedAt">When the edge found the budget reached; null while it is not.</param>
/// <param name="DepartureAt">When the driver said the car leaves (a start's <c>departureAt</c>); the balancer plans with it like a
/// NotifyEVChargingNeeds departure (docs/load-balancing.md, "Departure times"); null: not said. Bounds nothing.</param>
/// <param name="EnergyWh">The energy the driver said the car needs (a start's <c>energyWh</c>), in Wh; null: not said. Bounds nothing.</param>
/// <param name="NeedsFromWh">The session's energy when the need was given (0 from its start): what it took since counts against <paramref name="EnergyWh"/>.</param>
public sealed record SessionBudget(
    decimal? MaxCost,
    decimal? MaxEnergyWh,
    DateTimeOffset? ReachedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DepartureAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? EnergyWh = null,
    [property: JsonIgnore] double NeedsFromWh = 0)
{
    /// <summary>The stop reason of a session the edge stopped at its budget (contract §7.4), whatever reason the charger gave.</summary>
    public const string StopReason = "BudgetReached";

    /// <summary>A budget of these bounds; null when neither is given.</summary>
    public static SessionBudget? Of(decimal? maxCost, decimal? maxEnergyWh) =>
        maxCost is null && maxEnergyWh is null ? null : new SessionBudget(maxCost, maxEnergyWh);

    /// <summary>A budget of these bounds and the car's stated needs; null when nothing is given.</summary>
    public static SessionBudget? Of(decimal? maxCost, decimal? maxEnergyWh, DateTimeOffset? departureAt, decimal? energyWh) =>
        departureAt is null && energyWh is null
            ? Of(maxCost, maxEnergyWh)
            : new SessionBudget(maxCost, maxEnergyWh, DepartureAt: departureAt, EnergyWh: energyWh);

    /// <summary>Whether it bounds the session (a cost or an energy); one with only the car's needs does not.</summary>
    public bool Bounds => MaxCost is not null || MaxEnergyWh is not null;

    /// <summary>Whether a session that used <paramref name="energyWh"/> and costs <paramref name="costTotal"/> so far (null: no pricing) has reached it.</summary>
    public bool IsReachedBy(decimal energyWh, decimal? costTotal) =>
        (MaxEnergyWh is { } maxEnergy && energyWh >= maxEnergy) || (MaxCost is { } maxCost && costTotal is { } total && total >= maxCost);
}
