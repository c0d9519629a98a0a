namespace ChargeNet.EdgeAgent.Operations;

/// <summary>A charger's answer to a question (not a command): how it went, and what it said when it did.</summary>
/// <typeparam name="T">What the charger tells (e.g. a transaction's status, a report).</typeparam>
/// <param name="Reply">Done with the charger's own word for it, or why there is no answer.</param>
/// <param name="Value">What it said; null unless <paramref name="Reply"/> is Done (or Rejected, when it still said something).</param>
public sealed record ChargerReading<T>(ChargerReply Reply, T? Value)
    where T : class;

/// <summary>A question's outcome as the operations give it to both front doors: the result, and the charger's answer when done.</summary>
/// <typeparam name="T">What the charger tells.</typeparam>
public sealed record ChargerAnswer<T>(OperationResult Result, T? Value)
    where T : class;
