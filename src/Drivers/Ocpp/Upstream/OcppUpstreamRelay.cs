using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// The edge as a local controller (docs/upstream.md): each charger whose registration names an
/// upstream gets one <see cref="OcppUpstreamLink"/> for as long as it is connected, and its calls go
/// through <see cref="OcppRelayedCalls"/>. The limits the upstream set are kept per charger in
/// <paramref name="profiles"/> (in memory when none is given). Registered by the host; the central
/// system asks it at every connection.
/// </summary>
public sealed class OcppUpstreamRelay(IOcppUpstreamOutbox outbox, OcppUpstreamOptions options, IOcppUpstreamProfileStore? profiles = null) : IOcppConnectionRelay
{
    private readonly IOcppUpstreamProfileStore _profiles = profiles ?? new InMemoryOcppUpstreamProfileStore();
    private readonly ConcurrentDictionary<string, OcppUpstreamLink> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OcppUpstreamLimits> _limits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OcppUpstreamState> _detached = new(StringComparer.Ordinal);
    private OcppCentralSystemContext? _context;

    public IOcppUpstreamOutbox Outbox => outbox;

    public OcppUpstreamOptions Options => options;

    internal OcppCentralSystemContext Context => _context ?? throw new InvalidOperationException("The relay has not served a connection yet.");

    public IOcppCallHandler Attach(OcppChargePoint chargePoint, IOcppProtocol protocol, IOcppCallHandler local)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        if (chargePoint.Registration?.Upstream is not { } target)
        {
            return local;
        }

        _context ??= chargePoint.Context;
        var link = new OcppUpstreamLink(chargePoint.Id, protocol, target, this, l => new OcppUpstreamCalls(chargePoint, l, this));
        _links[chargePoint.Id] = link;
        LimitsOf(chargePoint); // the upstream's kept profiles in force before the edge sends the charger its first limit
        link.Start();
        return new OcppRelayedCalls(chargePoint, local, link);
    }

    /// <summary>Serves the relay's links from <paramref name="context"/> before any charger connected (virtual chargers need no connection).</summary>
    public void Use(OcppCentralSystemContext context) => _context ??= context;

    /// <summary>
    /// Presents a charger the edge drives itself (Modbus) upstream as an OCPP 1.6 charge point
    /// (docs/upstream.md, "Virtual chargers"): its link opens now; dispose the result to close it.
    /// </summary>
    public OcppVirtualChargePoint AttachVirtual(string chargerId, OcppUpstreamTarget target, IOcppVirtualChargerControl control)
    {
        ArgumentNullException.ThrowIfNull(target);
        var protocol = Context.Protocols.Find(OcppVersion.V16) ?? throw new InvalidOperationException("OCPP 1.6 is not loaded.");
        var link = new OcppUpstreamLink(chargerId, protocol, target, this, l => new OcppVirtualChargePointCalls(chargerId, control, this));
        _links[chargerId] = link;
        _detached.TryRemove(chargerId, out _);
        link.Start();
        return new OcppVirtualChargePoint(chargerId, link, this);
    }

    internal async Task DetachVirtualAsync(string chargerId, OcppUpstreamLink link)
    {
        var current = _links.TryRemove(new KeyValuePair<string, OcppUpstreamLink>(chargerId, link));
        await link.DisposeAsync().ConfigureAwait(false);
        if (current)
        {
            _detached[chargerId] = link.State with { Connected = false, LastError = "no longer presented upstream" };
        }
    }

    public async Task DetachAsync(OcppChargePoint chargePoint, IOcppCallHandler attached)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        if (attached is OcppRelayedCalls relayed)
        {
            // A newer connection of the same charger may have its own link by now: that one stays.
            var current = _links.TryRemove(new KeyValuePair<string, OcppUpstreamLink>(chargePoint.Id, relayed.Link));
            await relayed.Link.DisposeAsync().ConfigureAwait(false);
            if (current)
            {
                _detached[chargePoint.Id] = relayed.Link.State with { Connected = false, LastError = "the charger is not connected to the edge" };
            }
        }
    }

    /// <summary>
    /// The state of a relayed charger's upstream link: its link's while the charger is connected to
    /// the edge, else its last one (down; what waits stays queued). Null for a charger not seen since
    /// the edge started: its queue is counted then, in the background, for the next ask.
    /// </summary>
    public OcppUpstreamState? StateOf(string chargePointId)
    {
        if (_links.GetValueOrDefault(chargePointId) is { } link)
        {
            return link.State;
        }

        if (_detached.TryGetValue(chargePointId, out var last))
        {
            return last;
        }

        _ = CountWaitingAsync(chargePointId);
        return null;
    }

    /// <summary>The limits the upstream set on a charger.</summary>
    public OcppUpstreamLimits LimitsOf(OcppChargePoint chargePoint) =>
        _limits.GetOrAdd(chargePoint.Id, _ => new OcppUpstreamLimits(chargePoint, _profiles));

    /// <summary>The upstream's limit on a connector from <paramref name="start"/> on, as periods (offset, amperes); null when it set none.</summary>
    public IReadOnlyList<(TimeSpan Offset, double LimitA)>? UpstreamCapA(string chargePointId, int connectorId, DateTimeOffset start, TimeSpan duration) =>
        _limits.GetValueOrDefault(chargePointId)?.CapA(connectorId, start, duration);

    private async Task CountWaitingAsync(string chargePointId)
    {
        var placeholder = new OcppUpstreamState(false, null, "the charger has not connected since the edge started");
        if (!_detached.TryAdd(chargePointId, placeholder))
        {
            return;
        }

        var waiting = await outbox.CountAsync(chargePointId, CancellationToken.None).ConfigureAwait(false);
        _detached.TryUpdate(chargePointId, placeholder with { Queued = waiting }, placeholder);
    }

    internal Task PublishAsync(string severity, string chargePointId, string code, string message) =>
        Context.PublishAsync(severity, chargePointId, code, message, CancellationToken.None);
}
