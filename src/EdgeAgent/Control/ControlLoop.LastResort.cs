using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>The last resort for a car its charger will not pause: its session is ended (docs/control-loop-sessions.md, Session 20).</summary>
public sealed partial class ControlLoop
{
    private void StopSessionsAsLastResort(SiteModel model, DeviceSet devices, SiteSnapshot snapshot, AllocationResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Asked again no sooner than two of the car's response times: an accepted stop has taken effect by then.
        var retry = _options.VehicleResponseTime * 2;
        for (var i = 0; i < model.Connectors.Count; i++)
        {
            var runtime = model.Connectors[i];
            if (LastResortStop.Why(snapshot, result, i, runtime, _options.SessionStopAfterRefusals, _options.SessionStopOnRefusalRecord, now, retry) is not { } why
                || !devices.Chargers.TryGetValue(runtime.ChargerId, out var charger))
            {
                continue;
            }

            if (charger is not IHasSessionStop stopping)
            {
                // A Modbus wallbox: no session to end; its pause goes on being sent. Said once per retry, not once a cycle.
                runtime.SessionStopAskedAt = now;
                LogNoSessionStop(runtime.ChargerId, runtime.ConnectorId, why);
                continue;
            }

            runtime.SessionStopAskedAt = now;
            _ = StopSessionAsync(stopping, runtime, why, cancellationToken);
        }
    }

    private async Task StopSessionAsync(IHasSessionStop charger, ConnectorRuntime runtime, string why, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.WriteTimeout, _time);
        using var send = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        SessionStopResult answer;
        try
        {
            answer = await charger.StopSessionAsync(runtime.ConnectorId, send.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A driver that throws is a stop not delivered, never a stopped loop.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            answer = new SessionStopResult(SetpointOutcome.Failed, ex is OperationCanceledException ? $"no answer within {_options.WriteTimeout.TotalSeconds} s" : ex.Message);
        }

        // The operator must see that the edge ended a driver's session, and why; and when it could not.
        var stopped = answer.Outcome == SetpointOutcome.Accepted;
        if (stopped)
        {
            // Held at 0 A from now on while its car stays connected (LastResortStop.Holds): its room goes to the others.
            runtime.SessionEndedAt = _time.GetUtcNow();
        }

        await _events.RaiseAsync(
            EventSeverities.Warning,
            runtime.ChargerId,
            stopped ? "charger.session.stopped" : "charger.session.stop-failed",
            stopped
                ? $"the edge ended the session on connector {runtime.ConnectorId} ({answer.Detail}) as a last resort: {why}"
                : $"the edge could not end the session on connector {runtime.ConnectorId} ({answer.Outcome}: {answer.Detail}), asked as a last resort: {why}",
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} connector {ConnectorId} cannot end its session (no such command for its protocol); its pause goes on being sent: {Why}")]
    private partial void LogNoSessionStop(string chargerId, int connectorId, string why);
}
