namespace ChargeNet.EdgeAgent.Operations;

/// <summary>A charger's answer to a request through <see cref="IChargerLink"/>, protocol-neutral.</summary>
/// <param name="Kind">Done, Rejected, Failed, Timeout or Unreachable.</param>
/// <param name="Status">The charger's own word for it (e.g. Accepted, Scheduled, Unlocked, Rejected), when it answered.</param>
/// <param name="Detail">What went wrong, for the failures.</param>
/// <param name="Field">For Invalid: the argument that is wrong.</param>
/// <param name="FileName">For a log upload: the file the charger says it will upload, when it says.</param>
public sealed record ChargerReply(OperationKind Kind, string? Status, string? Detail = null, string? Field = null, string? FileName = null);
