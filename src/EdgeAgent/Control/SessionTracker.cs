using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Makes charging sessions from the connector states of chargers that do not report sessions
/// themselves (Modbus and simulated ones; OCPP chargers report transactions): a session begins when
/// a car is seen on a free connector and ends when the connector is free again. Each change is in
/// the store before it is announced.
/// </summary>
public sealed class SessionTracker
{
    private readonly IEdgeStore _store;
    private readonly SiteEventLog _events;
    private readonly Dictionary<(string Charger, int Connector), ChargingSession> _open = [];
    private bool _loaded;

    public SessionTracker(IEdgeStore store, SiteEventLog events)
    {
        _store = store;
        _events = events;
    }

    /// <summary>
    /// Raised when a session has ended, inside the store transaction that keeps it: a listener's
    /// writes (the cloud outbox's copy) commit with it, or neither does. Listeners write synchronously.
    /// </summary>
    public event Action<ChargingSession>? SessionFinished;

    internal async Task TrackAsync(SiteModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            // Sessions that were running when the daemon stopped carry on, or end at the first look.
            foreach (var open in await _store.Sessions.ListOpenAsync(cancellationToken).ConfigureAwait(false))
            {
                _open[(open.ChargerId, open.ConnectorId)] = open;
            }

            _loaded = true;
        }

        for (var i = 0; i < model.Connectors.Count; i++)
        {
            var runtime = model.Connectors[i];
            if (ChargerProtocols.IsOcpp(model.ChargerOf(i).Protocol) || runtime.Status is not { } status)
            {
                continue;
            }

            var key = (runtime.ChargerId, runtime.ConnectorId);
            var occupied = status.State is not (ConnectorState.Available or ConnectorState.Unavailable or ConnectorState.Faulted);
            _open.TryGetValue(key, out var session);
            if (occupied && session is null)
            {
                runtime.OccupiedSince = now;
                runtime.EnergyAtStartWh = status.EnergyWh;
                session = new ChargingSession(Guid.CreateVersion7(now).ToString("N"), runtime.ChargerId, runtime.ConnectorId, null, null, now, null, 0, null);
                await _store.Sessions.UpsertAsync(session, cancellationToken).ConfigureAwait(false);
                _open[key] = session;
                await _events.RaiseAsync(EventSeverities.Info, runtime.ChargerId, "session.started",
                    $"a session began on connector {runtime.ConnectorId}", cancellationToken).ConfigureAwait(false);
            }
            else if (occupied && session is not null)
            {
                runtime.OccupiedSince ??= session.StartedAt;
                if (runtime.EnergyAtStartWh == 0 && session.EnergyWh == 0)
                {
                    runtime.EnergyAtStartWh = status.EnergyWh;
                }

                _open[key] = session with { EnergyWh = Math.Max(session.EnergyWh, status.EnergyWh - runtime.EnergyAtStartWh) };
            }
            else if (!occupied && session is not null)
            {
                var energy = runtime.OccupiedSince is null ? session.EnergyWh : Math.Max(session.EnergyWh, status.EnergyWh - runtime.EnergyAtStartWh);
                var finished = session with { StoppedAt = now, EnergyWh = Math.Round(energy, 1), StopReason = "EVDisconnected" };
                // The session and what listeners write for it (the cloud outbox's copy) reach the file together.
                _store.WriteTogether(() =>
                {
                    _store.Sessions.UpsertAsync(finished, cancellationToken).GetAwaiter().GetResult();
                    SessionFinished?.Invoke(finished);
                });
                _open.Remove(key);
                runtime.OccupiedSince = null;
                await _events.RaiseAsync(EventSeverities.Info, runtime.ChargerId, "session.finished",
                    $"the session on connector {runtime.ConnectorId} ended: {finished.EnergyWh / 1000:0.00} kWh", cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
