namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A send <see cref="ConnectorRuntime.TryBeginSend"/> began, and what it found on its way, judged in the same hold of the
/// runtime's lock that let it go: judged apart, an answer arriving in between made the give-up disagree with the send
/// (docs/control-loop-sessions.md, Session 17, "Review leftovers").
/// </summary>
/// <param name="Sent">The new setpoint.</param>
/// <param name="Superseded">The send it supersedes, still unanswered; null when none was on its way.</param>
/// <param name="WaitedOut">It goes behind a decrease its charger left unanswered for the wait (Session 14).</param>
internal sealed record BegunSend(SetpointState Sent, SetpointState? Superseded, bool WaitedOut);
