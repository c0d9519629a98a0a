namespace ChargeNet.EdgeAgent.Operations;

/// <summary>What an operation on a charger came to, protocol-neutral.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="ChargerId">The charger it was for.</param>
/// <param name="Action">The operation (<see cref="ChargerActions"/>).</param>
/// <param name="Status">The charger's answer in its own words (e.g. Accepted, Scheduled, Rejected), when it answered.</param>
/// <param name="Field">The argument that is wrong, for <see cref="OperationKind.Invalid"/>.</param>
/// <param name="Message">Why, in words, naming what is wrong; empty when done.</param>
public sealed record OperationResult(OperationKind Kind, string ChargerId, string Action, string? Status, string? Field, string Message)
{
    public bool Ok => Kind == OperationKind.Done;

    public static OperationResult Invalid(string chargerId, string action, string field, string message) =>
        new(OperationKind.Invalid, chargerId, action, null, field, message);

    public static OperationResult Of(OperationKind kind, string chargerId, string action, string message, string? status = null) =>
        new(kind, chargerId, action, status, null, message);
}
