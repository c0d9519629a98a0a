namespace ChargeNet.Drivers.Devices;

/// <summary>The answer to <see cref="IHasSessionStop.StopSessionAsync"/>.</summary>
/// <param name="Outcome">Accepted, rejected (or no session to stop) or failed (no answer).</param>
/// <param name="Detail">For people: the session ended and the charger's own word, or why not.</param>
public sealed record SessionStopResult(SetpointOutcome Outcome, string Detail);
