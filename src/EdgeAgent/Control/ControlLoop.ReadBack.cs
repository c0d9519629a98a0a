using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A charger that reads back a limit higher than the one it accepted, or offers its car more (<see cref="ReportedLimit"/>): counted at what it reports,
/// told once, and sent its limit again every <see cref="ReadBackResendAfter"/> — a wallbox that restored its default after its own
/// restart takes the write again; one that never does keeps being counted at its own (docs/control-loop.md, Session 45).
/// </summary>
public sealed partial class ControlLoop
{
    /// <summary>How long after its last send a charger that reads back another limit is sent its limit again.</summary>
    internal static readonly TimeSpan ReadBackResendAfter = TimeSpan.FromSeconds(10);

    private static bool ResendsForReadBack(ConnectorRuntime runtime, DateTimeOffset now) =>
        runtime is { ReadBackAboveA: not null, Setpoint: { InFlight: false } sent } && now - sent.SentAt >= ReadBackResendAfter;

    private async Task AnnounceReadBacksAsync(SiteModel model, CancellationToken cancellationToken)
    {
        foreach (var runtime in model.Connectors)
        {
            if (runtime.ReadBackAboveA is { } readA && !runtime.ReadBackAnnounced)
            {
                runtime.ReadBackAnnounced = true;
                await _events.RaiseAsync(EventSeverities.Warning, runtime.ChargerId, "charger.limit-not-applied",
                    $"connector {runtime.ConnectorId} reports {readA} A in force after taking {runtime.Setpoint?.LimitA} A: counted at {readA} A, its limit sent again every {ReadBackResendAfter.TotalSeconds} s",
                    cancellationToken).ConfigureAwait(false);
            }
            else if (runtime.ReadBackAboveA is null && runtime.ReadBackAnnounced)
            {
                runtime.ReadBackAnnounced = false;

                // The alarm is the charger's (an event names its source, not a connector: docs/mqtt.md): it closes only once none of
                // its connectors still reads back another limit, else the fleet view would show a charger fine that is not.
                if (!model.Connectors.Any(other => other.ReadBackAnnounced && other.ChargerId == runtime.ChargerId))
                {
                    await _events.RaiseAsync(EventSeverities.Info, runtime.ChargerId, "charger.limit-applied",
                        $"connector {runtime.ConnectorId} reports the limit it was sent in force again", cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
