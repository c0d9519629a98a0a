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
public sealed record SessionBudget(decimal? MaxCost, decimal? MaxEnergyWh, DateTimeOffset? ReachedAt = null)
{
    /// <summary>The stop reason of a session the edge stopped at its budget (contract §7.4), whatever reason the charger gave.</summary>
    public const string StopReason = "BudgetReached";

    /// <summary>A budget of these bounds; null when neither is given.</summary>
    public static SessionBudget? Of(decimal? maxCost, decimal? maxEnergyWh) =>
        maxCost is null && maxEnergyWh is null ? null : new SessionBudget(maxCost, maxEnergyWh);

    /// <summary>Whether a session that used <paramref name="energyWh"/> and costs <paramref name="costTotal"/> so far (null: no pricing) has reached it.</summary>
    public bool IsReachedBy(decimal energyWh, decimal? costTotal) =>
        (MaxEnergyWh is { } maxEnergy && energyWh >= maxEnergy) || (MaxCost is { } maxCost && costTotal is { } total && total >= maxCost);
}
