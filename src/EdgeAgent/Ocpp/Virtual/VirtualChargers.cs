using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.Drivers.Templates;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Ocpp.Virtual;

/// <summary>
/// Keeps one <see cref="VirtualCharger"/> per charger in <c>ocpp.upstream.virtualChargers</c>
/// (docs/upstream.md, "Virtual chargers"), follows configuration changes, and hands each one what
/// the control loop and the session recorder saw of it. Does what the upstream asks of them where
/// the charger can: a remote stop pauses the charger (a 0 A limit) until the car leaves;
/// a remote start is refused (a Modbus charger starts when a car is plugged in).
/// </summary>
internal sealed class VirtualChargers(
    OcppUpstreamRelay relay,
    OcppCentralSystemContext context,
    SiteConfigurationService configuration,
    ControlLoop loop,
    SessionRecorder sessions,
    DeviceTemplateCatalog templates,
    ManualLimits limits,
    TimeProvider time,
    ILogger<VirtualChargers> logger) : IHostedService, IOcppVirtualChargerControl
{
    // The manual limit of a remote stop names the session it ended: it lapses when that session does, across restarts too.
    private const string RemoteStopBy = "upstream remote stop of session ";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (OcppUpstreamTarget Target, VirtualCharger Charger)> _chargers = new(StringComparer.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        relay.Use(context);
        configuration.Changed += Follow;
        loop.CycleCompleted += OnCycle;
        sessions.Changed += OnSession;
        if (configuration.Current is { } current)
        {
            Follow(current);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        configuration.Changed -= Follow;
        loop.CycleCompleted -= OnCycle;
        sessions.Changed -= OnSession;
        List<VirtualCharger> all;
        lock (_gate)
        {
            all = [.. _chargers.Values.Select(c => c.Charger)];
            _chargers.Clear();
        }

        foreach (var charger in all)
        {
            await charger.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Follow(AppliedConfiguration applied)
    {
        var site = applied.Site;
        var wanted = site.Ocpp?.Upstream is { } upstream
            ? site.Chargers.Where(c => c.Protocol == ChargerProtocols.Modbus && ConfiguredOcppChargerRegistry.UpstreamOf(upstream, c) is not null)
                .ToDictionary(c => c.Id, c => (Settings: c, Target: ConfiguredOcppChargerRegistry.UpstreamOf(upstream, c)!), StringComparer.Ordinal)
            : [];
        var gone = new List<VirtualCharger>();
        lock (_gate)
        {
            foreach (var (id, (target, charger)) in _chargers.ToList())
            {
                if (!wanted.TryGetValue(id, out var want) || want.Target != target)
                {
                    _chargers.Remove(id);
                    gone.Add(charger);
                }
            }

            foreach (var (id, want) in wanted)
            {
                if (!_chargers.ContainsKey(id))
                {
                    var (vendor, model) = NamesOf(want.Settings);
                    var point = relay.AttachVirtual(id, want.Target, this);
                    _chargers[id] = (want.Target, new VirtualCharger(id, point, vendor, model, new OcppChargerSettings().MeterValueSampleInterval, logger));
                }
            }
        }

        // A charger dropped or pointed elsewhere closes its link; its queue stays in the store.
        foreach (var charger in gone)
        {
            _ = charger.DisposeAsync().AsTask();
        }
    }

    /// <summary>docs/upstream.md: the vendor and model its template reports, else ChargeNet and the template's name.</summary>
    private (string Vendor, string Model) NamesOf(ChargerSettings charger) =>
        charger.Driver is { } driver && templates.TryGet(driver, out var template)
            ? (template.Manufacturer, template.Model)
            : ("ChargeNet", charger.Driver ?? "modbus");

    private void OnCycle(SiteStatus status)
    {
        foreach (var charger in status.Chargers)
        {
            if (Find(charger.Id) is { } virtualCharger)
            {
                virtualCharger.Saw(charger, sessions, status.Ts);
            }
        }
    }

    private void OnSession(SessionChange change)
    {
        var session = change.Session;
        Find(session.ChargerId)?.Changed(change); // first: it still sees the remote stop's pause
        if (change.Kind == SessionChangeKind.Finished && RemoteStopHolds(session))
        {
            limits.Clear(session.ChargerId, session.ConnectorId);
        }
    }

    /// <summary>The connector's manual limit is the one a remote stop of this session set (kept in the store across restarts).</summary>
    private bool RemoteStopHolds(ChargingSession session) =>
        limits.All.FirstOrDefault(l => l.ChargerId == session.ChargerId && l.ConnectorId == session.ConnectorId) is { } limit
        && limit.SetBy == RemoteStopBy + session.Id;

    public Task<bool> RemoteStartAsync(string chargerId, int connectorId, string idTag, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> RemoteStopAsync(string chargerId, string edgeTransactionId, CancellationToken cancellationToken)
    {
        var settings = configuration.Current?.Site.Chargers.FirstOrDefault(c => c.Id == chargerId);
        var session = settings is null ? null : Enumerable.Range(1, settings.Connectors).Select(c => sessions.OpenOn(chargerId, c)).FirstOrDefault(s => s?.Id == edgeTransactionId);
        // Every Modbus charger pauses at a 0 A limit: at 0 in its limit register, or through its template's pause
        // write when 0 there does not pause (docs/devices.md, currentLimit.zeroPauses) — the driver chooses.
        if (session is null || Find(chargerId) is not { } charger)
        {
            return Task.FromResult(false);
        }

        var now = time.GetUtcNow();
        limits.Set(new ManualLimit(chargerId, session.ConnectorId, 0, now, RemoteStopBy + session.Id, null));
        charger.RemoteStopped(session, now);
        return Task.FromResult(true);
    }

    private VirtualCharger? Find(string id)
    {
        lock (_gate)
        {
            return _chargers.TryGetValue(id, out var found) ? found.Charger : null;
        }
    }
}
