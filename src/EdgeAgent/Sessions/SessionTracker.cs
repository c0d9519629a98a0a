using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Tells <see cref="SessionRecorder"/> what the control loop saw on each connector at each cycle.
/// For chargers that do not report sessions themselves (Modbus and simulated ones; OCPP chargers
/// report transactions) it derives them: a session begins when a car is seen on a free connector and
/// ends when the connector is free again. For every connector with an open session (OCPP too) it
/// counts idle and paused time. Each change is in the store before it is announced. A session it
/// derives takes the budget waiting on its connector (<see cref="PendingBudgets.TakeForConnector"/>), and
/// ends as <see cref="SessionBudget.StopReason"/> once that was reached.
/// </summary>
public sealed class SessionTracker
{
    private readonly SessionRecorder _recorder;
    private readonly SiteEventLog _events;
    private readonly PendingBudgets? _budgets;

    public SessionTracker(SessionRecorder recorder, SiteEventLog events, PendingBudgets? budgets = null)
    {
        _recorder = recorder;
        _events = events;
        _budgets = budgets;
    }

    /// <summary>The producer this tracker feeds.</summary>
    public SessionRecorder Recorder => _recorder;

    internal async Task TrackAsync(SiteModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Sessions that were running when the daemon stopped carry on, or end at the first look.
        await _recorder.LoadOpenAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < model.Connectors.Count; i++)
        {
            var runtime = model.Connectors[i];
            if (runtime.Status is not { } status)
            {
                continue;
            }

            var charger = model.ChargerOf(i);
            var use = ConnectorUses.Of(runtime.SentLimitA, charger.MinCurrentA, Math.Max(status.CurrentA.L1, Math.Max(status.CurrentA.L2, status.CurrentA.L3)));
            _recorder.Observe(runtime.ChargerId, runtime.ConnectorId, now, use, status.EnergyWh);
            if (!ChargerProtocols.IsOcpp(charger.Protocol))
            {
                await DeriveAsync(runtime, status, now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeriveAsync(ConnectorRuntime runtime, ConnectorStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var occupied = status.State is not (ConnectorState.Available or ConnectorState.Unavailable or ConnectorState.Faulted);
        var session = _recorder.OpenOn(runtime.ChargerId, runtime.ConnectorId);
        if (occupied && session is null)
        {
            runtime.OccupiedSince = now;
            runtime.EnergyAtStartWh = status.EnergyWh;
            var budget = _budgets?.TakeForConnector(runtime.ChargerId, runtime.ConnectorId);
            var opened = new ChargingSession(Guid.CreateVersion7(now).ToString("N"), runtime.ChargerId, runtime.ConnectorId, null, budget?.IdTag, now, null, 0, null, Budget: budget?.Budget)
            {
                Usage = SessionUsage.None with { Readings = [new EnergyReading(now, (decimal)status.EnergyWh)] },
            };
            await _recorder.OpenAsync(opened, cancellationToken).ConfigureAwait(false);
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

            _recorder.Update(session with { EnergyWh = Math.Max(session.EnergyWh, status.EnergyWh - runtime.EnergyAtStartWh) });
        }
        else if (!occupied && session is not null)
        {
            var energy = runtime.OccupiedSince is null ? session.EnergyWh : Math.Max(session.EnergyWh, status.EnergyWh - runtime.EnergyAtStartWh);
            // The session and its cloud outbox copy reach the file together (one store call); a failed
            // write leaves it open, to be ended again at the next cycle.
            var finished = await _recorder.FinishAsync(session with { StoppedAt = now, EnergyWh = Math.Round(energy, 1), StopReason = session.Budget?.ReachedAt is null ? "EVDisconnected" : SessionBudget.StopReason }, cancellationToken).ConfigureAwait(false);
            runtime.OccupiedSince = null;
            await _events.RaiseAsync(EventSeverities.Info, runtime.ChargerId, "session.finished",
                $"the session on connector {runtime.ConnectorId} ended: {finished.EnergyWh / 1000:0.00} kWh", cancellationToken).ConfigureAwait(false);
        }
    }
}
