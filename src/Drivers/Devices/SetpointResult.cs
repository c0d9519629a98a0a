namespace ChargeNet.Drivers.Devices;

/// <summary>The answer to <see cref="ICharger.SetCurrentLimitAsync"/>.</summary>
/// <param name="Outcome">Accepted, rejected or failed.</param>
/// <param name="Detail">Why it was rejected or failed; null when accepted.</param>
public sealed record SetpointResult(SetpointOutcome Outcome, string? Detail = null)
{
    public static SetpointResult Accepted { get; } = new(SetpointOutcome.Accepted);

    public static SetpointResult Rejected(string detail) => new(SetpointOutcome.Rejected, detail);

    public static SetpointResult Failed(string detail) => new(SetpointOutcome.Failed, detail);

    /// <summary>
    /// True when the driver did not send this limit and answers from its last send instead: a limit held during its back-off
    /// after a refusal (docs/ocpp.md, "Re-sends with back-off"). The charger has not seen it, so nothing new is or may be in
    /// force and the charger has said nothing new: its answer counts once, at its send, not once per ask
    /// (docs/control-loop-sessions.md, Session 18, "A held answer is not a send").
    /// </summary>
    public bool NotSent { get; init; }

    /// <summary>The answer of a driver that holds the limit back unsent: the last send's <paramref name="outcome"/>.</summary>
    public static SetpointResult HeldBack(SetpointOutcome outcome, string detail) => new(outcome, detail) { NotSent = true };
}
