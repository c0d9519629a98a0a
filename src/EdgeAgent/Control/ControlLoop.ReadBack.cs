using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A charger that reads back a limit higher than the one it accepted, or offers its car more (<see cref="ReportedLimit"/>): counted at what it reports,
/// told once, and sent its limit again every <see cref="ReadBackResendAfter"/> — a wallbox that restored its default after its own
/// restart takes the write again; one that never does keeps being counted at its own (docs/control-loop-sessions.md, Session 45).
/// </summary>
public sealed partial class ControlLoop
{
    /// <summary>How long after its last send a charger that reads back another limit is sent its limit again.</summary>
    internal static readonly TimeSpan ReadBackResendAfter = TimeSpan.FromSeconds(10);

    // Not for an OCPP charger's offer: its driver answers a same-valued limit from its record without sending it, and sends the
    // profile again itself at its refresh (docs/ocpp.md); "sent again" moved only the loop's own times.
    private static bool ResendsForReadBack(ConnectorRuntime runtime, DateTimeOffset now) =>
        runtime is { ReadBackAboveA: not null, Setpoint: { InFlight: false } sent, Status.Offered: null } && now - sent.SentAt >= ReadBackResendAfter;

    private async Task AnnounceReadBacksAsync(SiteModel model, CancellationToken cancellationToken)
    {
        foreach (var runtime in model.Connectors)
        {
            if (runtime.ReadBackAboveA is { } readA && !runtime.ReadBackAnnounced)
            {
                runtime.ReadBackAnnounced = true;
                var message = runtime.Status?.Offered is null
                    ? $"connector {runtime.ConnectorId} reads back {readA} A in force after taking {runtime.Setpoint?.LimitA} A: counted at {readA} A, its limit sent again every {ReadBackResendAfter.TotalSeconds} s"
                    : $"connector {runtime.ConnectorId} offers its car {readA} A (Current.Offered) after accepting {runtime.Setpoint?.LimitA} A: counted at {readA} A until it offers the limit";
                await _events.RaiseAsync(EventSeverities.Warning, runtime.ChargerId, "charger.limit-not-applied", message, cancellationToken).ConfigureAwait(false);
            }
            else if (runtime.ReadBackAboveA is null && runtime.ReadBackAnnounced)
            {
                runtime.ReadBackAnnounced = false;

                // The alarm is the charger's (an event names its source, not a connector: docs/mqtt.md): it closes only once none of
                // its connectors still reads back another limit, else the fleet view would show a charger fine that is not.
                if (!model.Connectors.Any(other => other.ReadBackAnnounced && other.ChargerId == runtime.ChargerId))
                {
                    await _events.RaiseAsync(EventSeverities.Info, runtime.ChargerId, "charger.limit-applied",
                        $"connector {runtime.ConnectorId} has the limit it was sent in force again", cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
