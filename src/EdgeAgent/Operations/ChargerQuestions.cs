using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.EdgeAgent.Operations;

/// <summary>
/// What an operator can ask an OCPP 2.0.1 station about itself, for both front doors (REST <c>GET /api/v1/chargers/{id}/transaction-status</c>
/// and <c>/report</c>, docs/api.md; MQTT <c>transaction-status</c> and <c>get-report</c>, docs/mqtt.md): the argument rules, the lookup and
/// the reading of its answer, once. A 1.6 charger has neither question: Unsupported, nothing sent.
/// </summary>
public sealed class ChargerQuestions(ChargerOperations operations)
{
    /// <summary>ComponentCriterionEnumType.</summary>
    public static readonly IReadOnlyList<string> Criteria = ["Active", "Available", "Enabled", "Problem"];

    /// <summary>ComponentType.name and VariableType.name are identifierString(50).</summary>
    public const int MaxNameLength = 50;

    /// <summary>
    /// Whether a transaction is still going and whether the station holds messages of it not yet delivered; without an id, whether it
    /// holds any transaction messages (GetTransactionStatus, E14).
    /// </summary>
    public Task<ChargerAnswer<TransactionStatusView>> TransactionStatusAsync(string chargerId, string? transactionId, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.TransactionStatus;
        return transactionId is { Length: 0 or > OcppChargerPort.MaxOcpp201TransactionIdLength }
            ? Task.FromResult(new ChargerAnswer<TransactionStatusView>(OperationResult.Invalid(chargerId, action, "transactionId",
                $"'transactionId' must have 1 to {OcppChargerPort.MaxOcpp201TransactionIdLength} characters (or be left out: any transaction)"), null))
            : AskAsync(chargerId, action, link => link.ReadTransactionStatusAsync(transactionId, cancellationToken),
                status => new TransactionStatusView(chargerId, transactionId, status.Ongoing, status.MessagesInQueue));
    }

    /// <summary>
    /// A custom report of the station's device model (GetReport, B08): the components in the states asked for (<paramref name="criteria"/>)
    /// and/or one component's variable (<paramref name="variable"/>; all of them when null), e.g. EVSE 1's AvailabilityState.
    /// </summary>
    public Task<ChargerAnswer<ChargerReportView>> ReportAsync(
        string chargerId, IReadOnlyList<string>? criteria, string? component, int? evseId, string? variable, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Report;
        var asked = criteria ?? [];
        if (QueryProblem(asked, component, evseId, variable) is { } problem)
        {
            return Task.FromResult(new ChargerAnswer<ChargerReportView>(OperationResult.Invalid(chargerId, action, problem.Field, problem.Message), null));
        }

        var query = new ChargerReportQuery([.. asked.Distinct(StringComparer.Ordinal)], component is null ? [] : [new ChargerVariableRef(component, evseId, variable)]);
        return AskAsync(chargerId, action, link => link.ReadReportAsync(query, cancellationToken), report => new ChargerReportView(chargerId, report.Answer, report.Items));
    }

    private async Task<ChargerAnswer<TView>> AskAsync<T, TView>(string chargerId, string action, Func<IChargerLink, Task<ChargerReading<T>>> ask, Func<T, TView> view)
        where T : class
        where TView : class
    {
        var (link, refusal) = operations.Find(chargerId, action);
        if (refusal is not null)
        {
            return new(refusal, null);
        }

        var reading = await ask(link!).ConfigureAwait(false);
        var result = ChargerOperations.Read(chargerId, action, reading.Reply);
        return new(result, result.Ok && reading.Value is { } value ? view(value) : null);
    }

    private static (string Field, string Message)? QueryProblem(IReadOnlyList<string> criteria, string? component, int? evseId, string? variable) =>
        criteria.FirstOrDefault(c => !Criteria.Contains(c, StringComparer.Ordinal)) is { } unknown ? ("criteria", $"'criteria' must be among {string.Join(", ", Criteria)}, not '{unknown}'")
        : component is { Length: 0 or > MaxNameLength } ? ("component", $"'component' must have 1 to {MaxNameLength} characters")
        : variable is { Length: 0 or > MaxNameLength } ? ("variable", $"'variable' must have 1 to {MaxNameLength} characters")
        : component is null && (evseId is not null || variable is not null) ? ("component", "'evseId' and 'variable' need a 'component'")
        : evseId is < 0 ? ("evseId", "'evseId' must be 0 or more")
        : criteria.Count == 0 && component is null ? ("criteria", "give 'criteria' and/or 'component'")
        : null;
}

/// <summary>The station's answer: <paramref name="Ongoing"/> only when a transaction was named (null otherwise).</summary>
public sealed record TransactionStatusView(string ChargerId, string? TransactionId, bool? Ongoing, bool MessagesInQueue);

/// <summary>The station's answer (Accepted, EmptyResultSet) and the variables its reports held.</summary>
public sealed record ChargerReportView(string ChargerId, string Answer, IReadOnlyList<ChargerReportItem> Items);
