using System.Threading.Channels;
using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Sessions;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Ocpp.Virtual;

/// <summary>
/// One Modbus charger presented upstream (docs/upstream.md, "Virtual chargers"): turns what each
/// control cycle and the session recorder saw into the OCPP 1.6 messages of
/// <see cref="OcppVirtualChargePoint"/> — a boot when it starts, a StatusNotification per connector
/// whose state changed, Start/StopTransaction per session, MeterValues every interval — and sends
/// them from a worker of its own, in the order seen, so the control loop never waits for the upstream.
/// Its heartbeats are the link's (<see cref="OcppUpstreamLink.HeartbeatInterval"/>).
/// </summary>
internal sealed class VirtualCharger : IAsyncDisposable
{
    // OCPP 1.6 StopTransaction reasons; a session's other reasons go up as Other.
    private static readonly HashSet<string> StopReasons = new(StringComparer.Ordinal)
    {
        "EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other", "PowerLoss", "Reboot", "Remote", "SoftReset", "UnlockCommand", "DeAuthorized",
    };

    private readonly string _id;
    private readonly OcppVirtualChargePoint _point;
    private readonly TimeSpan _meterInterval;
    private readonly ILogger _logger;
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Dictionary<int, string> _states = [];
    private readonly Dictionary<string, DateTimeOffset> _metered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stoppedUpstream = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public VirtualCharger(string id, OcppVirtualChargePoint point, string vendor, string model, TimeSpan meterInterval, ILogger logger)
    {
        _id = id;
        _point = point;
        _meterInterval = meterInterval;
        _logger = logger;
        Enqueue(ct => _point.BootAsync(vendor, model, ct));
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>A control cycle's view of the charger: each connector's state, and the meter values of its running session.</summary>
    public void Saw(ChargerView charger, SessionRecorder sessions, DateTimeOffset now)
    {
        lock (_gate)
        {
            // Before its first read the edge knows nothing of it: no status rather than a false Unavailable.
            if (!charger.Online && _states.Count == 0)
            {
                return;
            }

            foreach (var connector in charger.Connectors)
            {
                var status = StatusOf(connector.State);
                if (!_states.TryGetValue(connector.Id, out var was) || was != status)
                {
                    _states[connector.Id] = status;
                    Enqueue(ct => _point.StatusAsync(connector.Id, status, now, ct));
                }

                // A remote stop's session sends no more meter values (after a restart of the edge the point finds its held stop).
                if (sessions.OpenOn(_id, connector.Id) is not { } session || _stoppedUpstream.Contains(session.Id))
                {
                    continue;
                }

                var last = _metered.GetValueOrDefault(session.Id, session.StartedAt);
                _metered.TryAdd(session.Id, last);
                if (now - last >= _meterInterval)
                {
                    _metered[session.Id] = now;
                    var register = StartRegisterOf(session) + session.EnergyWh;
                    var current = connector.CurrentA;
                    Enqueue(ct => _point.MeterAsync(session.Id, connector.Id, register, current, now, ct));
                }
            }
        }
    }

    /// <summary>A session began or ended on the charger.</summary>
    public void Changed(SessionChange change)
    {
        var session = change.Session;
        var idTag = session.IdTag ?? _id; // docs/upstream.md: the session's idTag, else the charger's own id
        lock (_gate)
        {
            if (change.Kind == SessionChangeKind.Started)
            {
                Enqueue(ct => _point.StartAsync(session.Id, session.ConnectorId, idTag, StartRegisterOf(session), session.StartedAt, ct));
            }
            else if (change.Kind == SessionChangeKind.Finished && session.StoppedAt is { } stoppedAt)
            {
                _metered.Remove(session.Id);
                _stoppedUpstream.Remove(session.Id);

                // Told even when its StopTransaction went at a remote stop: the outbox holds that one, so nothing goes, and lets it go.
                var reason = session.StopReason is { } given && StopReasons.Contains(given) ? given : "Other";
                Enqueue(ct => _point.StopAsync(session.Id, idTag, StartRegisterOf(session) + session.EnergyWh, stoppedAt, reason, ct));
            }
        }
    }

    /// <summary>
    /// The upstream stopped the session remotely and the charger is paused: its transaction ends
    /// upstream now (reason Remote); the session goes on at the edge until the car leaves, without
    /// meter values upstream, and no StopTransaction then.
    /// </summary>
    public void RemoteStopped(ChargingSession session, DateTimeOffset at)
    {
        lock (_gate)
        {
            _stoppedUpstream.Add(session.Id);
            Enqueue(ct => _point.RemoteStoppedAsync(session.Id, session.IdTag ?? _id, StartRegisterOf(session) + session.EnergyWh, at, ct));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped; what was not queued yet is seen again from the next start's cycles and sessions.
        }

        await _point.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>The connector's state as an OCPP 1.6 ChargePointStatus.</summary>
    internal static string StatusOf(string state) => state switch
    {
        "available" => "Available",
        "carConnected" => "Preparing",
        "charging" => "Charging",
        "suspendedByCar" => "SuspendedEV",
        "suspendedByController" => "SuspendedEVSE",
        "faulted" => "Faulted",
        _ => "Unavailable",
    };

    // The register when the session began: its first energy reading (SessionTracker keeps it).
    private static double StartRegisterOf(ChargingSession session) => session.Usage.Readings is [var first, ..] ? (double)first.RegisterWh : 0;

    private void Enqueue(Func<CancellationToken, Task> work) => _work.Writer.TryWrite(work);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await work(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store refused the message: logged; the charger's next change is queued as usual.
                VirtualChargerLog.NotQueued(_logger, _id, e);
            }
        }
    }
}
