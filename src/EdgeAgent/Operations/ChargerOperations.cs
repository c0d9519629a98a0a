using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Operations;

/// <summary>
/// What an operator or installer can ask of one charger — start, stop, availability, reset, unlock, trigger, clear the cache —
/// for both front doors (REST, docs/api.md; MQTT commands, docs/mqtt.md): the charger lookup, the
/// argument rules and the reading of the charger's answer, once. Arguments are checked before
/// anything is sent; a wrong one is named.
/// </summary>
/// <param name="budgets">Where a start's budget waits for its session; without it a start with a budget is refused.</param>
/// <param name="connectorBudgets">Where a budget for a charger without idTags (Modbus, simulated) goes; without it such a start is refused.</param>
/// <param name="time">The clock a start's <c>departureAt</c> is judged by.</param>
public sealed class ChargerOperations(
    SiteConfigurationService configuration, IChargerPort port, PendingBudgets? budgets = null, ConnectorBudgets? connectorBudgets = null, TimeProvider? time = null)
{
    /// <summary>The longest idTag of any OCPP version (2.0.1 IdTokenType.idToken, 36); each charger's own bound is its link's. docs/api.md.</summary>
    public const int MaxIdTagLength = 36;

    public Task<OperationResult> StartSessionAsync(string chargerId, string? idTag, int? connectorId, CancellationToken cancellationToken) =>
        StartSessionAsync(chargerId, idTag, connectorId, null, null, cancellationToken);

    /// <summary>
    /// A remote start; with a budget (<paramref name="maxCost"/> incl. VAT, at most 2 decimals, and/or
    /// <paramref name="maxEnergyWh"/>, each ≥ 0), the session it starts (the next one of this idTag on this
    /// charger) is stopped at it (docs/pricing.md, "Budgets"). A budget in money needs the site's pricing.
    /// </summary>
    public Task<OperationResult> StartSessionAsync(
        string chargerId, string? idTag, int? connectorId, decimal? maxCost, decimal? maxEnergyWh, CancellationToken cancellationToken) =>
        StartSessionAsync(chargerId, idTag, connectorId, maxCost, maxEnergyWh, null, null, cancellationToken);

    /// <summary>
    /// A remote start with a budget and/or the car's needs: <paramref name="departureAt"/> (ISO 8601 with its offset, in the
    /// future, at most <see cref="StartNeeds.MaxAhead"/> ahead) and <paramref name="energyWh"/> (&gt; 0, at most
    /// <see cref="StartNeeds.MaxEnergyWh"/>) ride with the budget to the session and reach the balancer as its departure
    /// and energy need (docs/load-balancing.md, "Departure times").
    /// </summary>
    public async Task<OperationResult> StartSessionAsync(
        string chargerId, string? idTag, int? connectorId, decimal? maxCost, decimal? maxEnergyWh, string? departureAt, decimal? energyWh, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Start;
        var (departure, needsProblem) = StartNeeds.Check(departureAt, energyWh, (time ?? TimeProvider.System).GetUtcNow());
        if (needsProblem is { } bad)
        {
            return OperationResult.Invalid(chargerId, action, bad.Field, bad.Message);
        }

        if (configuration.Current?.Site.Chargers.FirstOrDefault(c => c.Id == chargerId) is { } settings && !ChargerProtocols.IsOcpp(settings.Protocol))
        {
            return await BudgetOnConnectorAsync(settings, idTag, connectorId, maxCost, maxEnergyWh, departure, energyWh, cancellationToken).ConfigureAwait(false);
        }

        if (idTag is not { Length: > 0 and <= MaxIdTagLength })
        {
            return OperationResult.Invalid(chargerId, action, "idTag", $"'idTag' is required, 1 to {MaxIdTagLength} characters");
        }

        if (BudgetProblem(maxCost, maxEnergyWh, budgets is not null, departure is not null || energyWh is not null) is { } problem)
        {
            return OperationResult.Invalid(chargerId, action, problem.Field, problem.Message);
        }

        var budget = SessionBudget.Of(maxCost, maxEnergyWh, departure, energyWh);

        // Offered before the charger is asked: its StartTransaction may come before its answer to the remote start.
        if (budget is not null)
        {
            budgets!.Offer(chargerId, idTag, budget);
        }

        var result = await RunAsync(chargerId, action, connectorId, minConnector: 1, optional: true, link => idTag.Length <= link.MaxIdTagLength
            ? link.StartAsync(idTag, connectorId, cancellationToken)
            : Task.FromResult(new ChargerReply(OperationKind.Invalid, null, $"'idTag' must have 1 to {link.MaxIdTagLength} characters for '{chargerId}'", "idTag"))).ConfigureAwait(false);
        if (budget is not null && !result.Ok)
        {
            budgets!.Withdraw(chargerId, idTag, budget);
        }

        return result;
    }

    /// <summary>
    /// A start on a charger without idTags or remote start (Modbus, simulated): it charges whoever plugs in, so a
    /// start only sets a budget, on the connector — for the session running there now, or else the next one that
    /// starts there within <see cref="PendingBudgets.Lifetime"/> (docs/pricing.md, "Budgets"). Without a budget it is not supported.
    /// </summary>
    private async Task<OperationResult> BudgetOnConnectorAsync(
        ChargerSettings charger, string? idTag, int? connectorId, decimal? maxCost, decimal? maxEnergyWh, DateTimeOffset? departureAt, decimal? energyWh, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Start;
        var budget = SessionBudget.Of(maxCost, maxEnergyWh, departureAt, energyWh);
        if (budget is null)
        {
            return OperationResult.Of(OperationKind.Unsupported, charger.Id, action,
                $"'{charger.Id}' is a {charger.Protocol} charger: it starts charging when a car is plugged in. A start here only sets a budget " +
                "or the car's needs for the session on a connector: give 'maxCost', 'maxEnergyWh', 'departureAt' or 'energyWh' (and 'connectorId')");
        }

        if (idTag is { Length: 0 or > MaxIdTagLength })
        {
            return OperationResult.Invalid(charger.Id, action, "idTag", $"'idTag', when given, must have 1 to {MaxIdTagLength} characters");
        }

        if (BudgetProblem(maxCost, maxEnergyWh, connectorBudgets is not null, departureAt is not null || energyWh is not null) is { } problem)
        {
            return OperationResult.Invalid(charger.Id, action, problem.Field, problem.Message);
        }

        var connector = connectorId ?? (charger.Connectors == 1 ? 1 : 0);
        if (connector < 1 || connector > charger.Connectors)
        {
            return OperationResult.Invalid(charger.Id, action, "connectorId", connectorId is null
                ? $"'connectorId' is required: '{charger.Id}' has {charger.Connectors} connectors"
                : $"'connectorId' must be from 1 to {charger.Connectors} (the connectors of '{charger.Id}')");
        }

        return await connectorBudgets!.SetAsync(charger.Id, connector, budget, idTag, cancellationToken).ConfigureAwait(false) switch
        {
            ConnectorBudgetOutcome.Running => new OperationResult(OperationKind.Done, charger.Id, action, "Running", null, ""),
            ConnectorBudgetOutcome.Waiting => new OperationResult(OperationKind.Done, charger.Id, action, "Waiting", null, ""),
            _ => OperationResult.Of(OperationKind.NothingToDo, charger.Id, action,
                $"the session on connector {connector} of '{charger.Id}' already has a budget: one budget is one payment for one session"),
        };
    }

    /// <summary>Stops the transaction <paramref name="transactionId"/>, or else the session running on <paramref name="connectorId"/>.</summary>
    public Task<OperationResult> StopSessionAsync(string chargerId, int? connectorId, string? transactionId, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Stop;
        if (transactionId is { Length: 0 } || (transactionId is null && connectorId is null))
        {
            return Done(OperationResult.Invalid(chargerId, action, transactionId is null ? "connectorId" : "transactionId",
                "give 'connectorId' (1 or more) or 'transactionId' (not empty)"));
        }

        return RunAsync(chargerId, action, connectorId, minConnector: 1, optional: true, link =>
        {
            if (transactionId is not null)
            {
                return link.IsTransactionId(transactionId, out var why)
                    ? link.StopAsync(transactionId, cancellationToken)
                    : Task.FromResult(new ChargerReply(OperationKind.Invalid, null, $"'transactionId' {why}", "transactionId"));
            }

            return link.RunningTransaction(connectorId!.Value) is { } running
                ? link.StopAsync(running, cancellationToken)
                : Task.FromResult(new ChargerReply(OperationKind.NothingToDo, null, $"no session is running on connector {connectorId} of '{chargerId}'"));
        });
    }

    /// <param name="chargerId">The charger.</param>
    /// <param name="connectorId">0 (the default) = the whole charger.</param>
    /// <param name="operative">True: available; false: out of use.</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    public Task<OperationResult> SetAvailabilityAsync(string chargerId, int? connectorId, bool? operative, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Availability;
        return operative is not { } available
            ? Done(OperationResult.Invalid(chargerId, action, "operative", "'operative' is required (true or false)"))
            : RunAsync(chargerId, action, connectorId ?? 0, minConnector: 0, optional: false,
                link => link.SetAvailabilityAsync(connectorId ?? 0, available, cancellationToken));
    }

    /// <param name="chargerId">The charger.</param>
    /// <param name="type">Soft (the default) or Hard.</param>
    /// <param name="connectorId">Null or 0: the whole charger; 1 or more: that connector alone (an OCPP 2.0.1 EVSE).</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    public Task<OperationResult> ResetAsync(string chargerId, string? type, int? connectorId, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Reset;
        var kind = type ?? "Soft";
        var hard = string.Equals(kind, "Hard", StringComparison.OrdinalIgnoreCase);
        var connector = connectorId ?? 0;
        return !hard && !string.Equals(kind, "Soft", StringComparison.OrdinalIgnoreCase)
            ? Done(OperationResult.Invalid(chargerId, action, "type", $"'type' must be Soft or Hard, not '{kind}'"))
            : RunAsync(chargerId, action, connector, minConnector: 0, optional: false, link => connector == 0 || link.ResetsConnectors
                ? link.ResetAsync(hard, connector, cancellationToken)
                : Task.FromResult(new ChargerReply(OperationKind.Invalid, null, $"'{chargerId}' resets only as a whole (OCPP 1.6 Reset): leave 'connectorId' out or give 0", "connectorId")));
    }

    public Task<OperationResult> UnlockAsync(string chargerId, int? connectorId, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Unlock;
        return connectorId is not { } connector
            ? Done(OperationResult.Invalid(chargerId, action, "connectorId", "'connectorId' is required, 1 or more"))
            : RunAsync(chargerId, action, connector, minConnector: 1, optional: false, link => link.UnlockAsync(connector, cancellationToken));
    }

    /// <summary>
    /// Has the charger empty its authorization cache (OCPP ClearCache; 2.0.1 C11), e.g. after cards were blocked: the tokens it
    /// let in from its cache are asked for again. A charger without a cache answers Rejected.
    /// </summary>
    public Task<OperationResult> ClearCacheAsync(string chargerId, CancellationToken cancellationToken) =>
        RunAsync(chargerId, ChargerActions.ClearCache, null, minConnector: 0, optional: true, link => link.ClearCacheAsync(cancellationToken));

    /// <summary>
    /// Asks the charger to send a message now (TriggerMessage): its status, its meter values, a heartbeat, how a firmware
    /// update or log upload goes. A booted OCPP 2.0.1 station is never asked for a BootNotification (F06.FR.17).
    /// </summary>
    /// <param name="chargerId">The charger.</param>
    /// <param name="message">The message, by its name in the charger's protocol (docs/api.md lists them).</param>
    /// <param name="connectorId">The connector it is about (1 or more); null = the whole charger.</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    public Task<OperationResult> TriggerAsync(string chargerId, string? message, int? connectorId, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Trigger;
        return message is not { Length: > 0 } requested
            ? Done(OperationResult.Invalid(chargerId, action, "message", "'message' is required: the message the charger is to send, e.g. StatusNotification"))
            : RunAsync(chargerId, action, connectorId, minConnector: 1, optional: true, link => link.TriggerRefusal(requested) is { } why
                ? Task.FromResult(new ChargerReply(OperationKind.Invalid, null, $"'message': {why}", "message"))
                : link.TriggerAsync(requested, connectorId, cancellationToken));
    }

    /// <summary>
    /// The connected charger an operation named, or the result that says why there is none (not in
    /// the configuration, takes no commands, not connected): the one lookup rule of both front doors.
    /// </summary>
    public (IChargerLink? Link, OperationResult? Refusal) Find(string chargerId, string action)
    {
        if (configuration.Current?.Site.Chargers.FirstOrDefault(c => c.Id == chargerId) is not { } charger)
        {
            return (null, OperationResult.Of(OperationKind.NotFound, chargerId, action, $"there is no charger '{chargerId}' in the configuration"));
        }

        if (!port.Serves(charger.Protocol))
        {
            return (null, OperationResult.Of(OperationKind.Unsupported, chargerId, action,
                $"'{chargerId}' is a {charger.Protocol} charger: it offers no '{action}' command. The controller only sets its current limit; " +
                "start, stop, availability, reset, unlock, trigger and clear-cache need an OCPP charger (or the charger's own app or display)."));
        }

        return port.Connected(chargerId) is { } link
            ? (link, null)
            : (null, OperationResult.Of(OperationKind.Unreachable, chargerId, action, $"'{chargerId}' is not connected now"));
    }

    private async Task<OperationResult> RunAsync(
        string chargerId, string action, int? connectorId, int minConnector, bool optional, Func<IChargerLink, Task<ChargerReply>> call)
    {
        if (connectorId is null && !optional)
        {
            return OperationResult.Invalid(chargerId, action, "connectorId", $"'connectorId' is required, {minConnector} or more");
        }

        var connectors = configuration.Current?.Site.Chargers.FirstOrDefault(c => c.Id == chargerId)?.Connectors;
        if (connectorId is { } connector && (connector < minConnector || connector > (connectors ?? int.MaxValue)))
        {
            return OperationResult.Invalid(chargerId, action, "connectorId",
                $"'connectorId' must be from {minConnector} to {connectors} ({(minConnector == 0 ? "0 = the whole charger" : "the connectors")} of '{chargerId}')");
        }

        var (link, refusal) = Find(chargerId, action);
        if (refusal is not null)
        {
            return refusal;
        }

        return Read(chargerId, action, await call(link!).ConfigureAwait(false));
    }

    /// <summary>A charger's reply as the operation's result: the one reading of both doors.</summary>
    internal static OperationResult Read(string chargerId, string action, ChargerReply reply) => reply.Kind switch
    {
        OperationKind.Done => new OperationResult(OperationKind.Done, chargerId, action, reply.Status, null, ""),
        OperationKind.Rejected => OperationResult.Of(OperationKind.Rejected, chargerId, action,
            $"charger '{chargerId}' answered {ChargerActions.Title(action)} with {reply.Status}", reply.Status),
        OperationKind.Invalid => OperationResult.Invalid(chargerId, action, reply.Field ?? "argument", reply.Detail ?? "invalid"),
        _ => OperationResult.Of(reply.Kind, chargerId, action, $"'{chargerId}': {reply.Detail}"),
    };

    private static Task<OperationResult> Done(OperationResult result) => Task.FromResult(result);

    // The budget's rules, for both kinds of charger; keepsBudgets: whether this edge has where to keep one.
    // needs: whether the start gives the car's departure or energy need, kept where budgets are.
    private (string Field, string Message)? BudgetProblem(decimal? maxCost, decimal? maxEnergyWh, bool keepsBudgets, bool needs) =>
        AmountProblem(maxCost, "maxCost", 2) ?? AmountProblem(maxEnergyWh, "maxEnergyWh", 3) ?? (SessionBudget.Of(maxCost, maxEnergyWh) is null && !needs ? null
            : !keepsBudgets ? ("budget", "this edge keeps no budgets")
            : maxCost is not null && configuration.Current?.Site.Pricing is null ? ("maxCost", "'maxCost' needs prices: the site has no 'pricing' section (give 'maxEnergyWh' instead)")
            : null);

    private static (string Field, string Message)? AmountProblem(decimal? amount, string name, int decimals) =>
        amount is { } value && (value < 0 || decimal.Round(value, decimals) != value)
            ? (name, $"'{name}' must be a number ≥ 0 with at most {decimals} decimals")
            : null;
}
