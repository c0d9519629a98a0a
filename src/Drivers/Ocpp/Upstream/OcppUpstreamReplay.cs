namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// One replay of a charger's queue after the upstream link opened with messages waiting, counted
/// for its two events (docs/upstream.md, "Visible"): <c>upstream.replay-started</c> with what waits,
/// <c>upstream.replay-finished</c> with what went (and was refused) once the queue is empty.
/// </summary>
internal sealed class OcppUpstreamReplay(int waiting, DateTimeOffset startedAt)
{
    private int _delivered;
    private int _refused;

    public string StartMessage(DateTimeOffset? oldestQueuedAt) =>
        $"replaying {waiting} queued message(s) to the upstream" + (oldestQueuedAt is { } at ? $", the oldest queued at {at:u}" : "");

    public void Delivered(bool refused)
    {
        _delivered++;
        _refused += refused ? 1 : 0;
    }

    public string FinishMessage(DateTimeOffset now) =>
        $"replay done: {_delivered} message(s) delivered ({_refused} refused) in {(now - startedAt).TotalSeconds:0.#} s";
}
