using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>How the relay's upstream connections behave (docs/upstream.md).</summary>
public sealed record OcppUpstreamOptions
{
    /// <summary>The first wait before a failed upstream connection is tried again (and between two tries of a message that got no answer).</summary>
    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries; the wait doubles up to it.</summary>
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many of a charger's messages may wait for the upstream; past it the oldest that belongs to no
    /// transaction is dropped (docs/upstream.md, "Retention"). Transaction messages are never dropped.
    /// </summary>
    public int MaxQueued { get; init; } = 10_000;

    /// <summary>
    /// How many of a charger's delivered (or dropped) messages the outbox keeps, so that the charger
    /// sending one of them again is recognised (docs/upstream.md, "Retention"); older ones are
    /// forgotten, a tenth of it at a time. A charger sends again only its last messages.
    /// </summary>
    public int KeepDone
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(KeepDone), value, "at least the newest message is kept");
    } = 100;

    /// <summary>WebSocket pings to the upstream.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The RPC limits of an upstream connection: how long a delivered message waits for the upstream's answer.</summary>
    public OcppRpcOptions Rpc { get; init; } = new();
}
