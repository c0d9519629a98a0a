namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// One setpoint sent to a connector, and what became of it. Immutable: the loop makes a new one per
/// send, the send's continuation swaps in its outcome; nobody edits one in place.
/// </summary>
/// <param name="LimitA">The limit sent.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="InFlight">True until the charger answered (or the write timed out).</param>
/// <param name="Confirmed">True when the charger accepted it.</param>
internal sealed record SetpointState(double LimitA, DateTimeOffset SentAt, bool InFlight, bool Confirmed);
