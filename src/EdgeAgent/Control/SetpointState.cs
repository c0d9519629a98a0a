namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// One setpoint sent to a connector, and what became of it. Immutable: the loop makes a new one per
/// send, the send's continuation swaps in its outcome; nobody edits one in place.
/// </summary>
/// <param name="LimitA">The limit sent.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="InFlight">True until the charger answered (or the write timed out).</param>
/// <param name="Confirmed">True when the charger accepted it.</param>
/// <param name="Needed">
/// The site needed it when it was planned: a phase its connector loads was counted over (<see cref="CountedOver"/>) or read over its
/// limit, a meter above it was unknown, a node above it has a limit the plan's headroom does not show, an order held it (a manual
/// limit, the start-up hold, a last-resort stop, a curtailment or an emergency stop), or its charger was already stale. A decrease
/// nobody needed — a fairer share, a probe's cut — that its charger refused leaves the site as safe as it was (<see cref="SiteModel"/>).
/// </param>
internal sealed record SetpointState(double LimitA, DateTimeOffset SentAt, bool InFlight, bool Confirmed, bool Needed = true);
