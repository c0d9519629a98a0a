namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>Where a budget set on a connector went (<see cref="ConnectorBudgets.SetAsync"/>).</summary>
public enum ConnectorBudgetOutcome
{
    /// <summary>The session running on the connector took it.</summary>
    Running,

    /// <summary>No session runs there: it waits for the next one that starts within <see cref="PendingBudgets.Lifetime"/>.</summary>
    Waiting,

    /// <summary>The session running there already has a budget: a budget is one payment for one session; nothing changed.</summary>
    AlreadyBudgeted,
}

/// <summary>
/// Budgets for chargers that report no idTags (Modbus, simulated: docs/pricing.md, "Budgets"): a budget set
/// on a connector applies to the session running on it now, or else to the next one that starts there.
/// </summary>
public sealed class ConnectorBudgets(PendingBudgets pending, SessionRecorder recorder) : IDisposable
{
    // One setter at a time: two payments for one connector never both land on its session.
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <param name="chargerId">The charger.</param>
    /// <param name="connectorId">Its connector.</param>
    /// <param name="budget">The budget.</param>
    /// <param name="idTag">Who paid, recorded as the session's idTag (its tariff then that idTag's); null: none.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<ConnectorBudgetOutcome> SetAsync(string chargerId, int connectorId, SessionBudget budget, string? idTag, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await recorder.LoadOpenAsync(cancellationToken).ConfigureAwait(false);
            if (recorder.OpenOn(chargerId, connectorId) is { Budget: not null })
            {
                return ConnectorBudgetOutcome.AlreadyBudgeted;
            }

            // Offered first: a session the control loop opens meanwhile takes it at its start; else the running one takes it here.
            pending.OfferToConnector(chargerId, connectorId, budget, idTag);
            if (recorder.OpenOn(chargerId, connectorId) is { } open && pending.TakeForConnector(chargerId, connectorId) is { } taken)
            {
                if (await recorder.GiveBudgetAsync(open, taken.Budget, taken.IdTag, cancellationToken).ConfigureAwait(false))
                {
                    return ConnectorBudgetOutcome.Running;
                }

                pending.OfferToConnector(chargerId, connectorId, budget, idTag); // it ended just now: the next one
            }

            return ReferenceEquals(recorder.OpenOn(chargerId, connectorId)?.Budget, budget) ? ConnectorBudgetOutcome.Running : ConnectorBudgetOutcome.Waiting;
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
