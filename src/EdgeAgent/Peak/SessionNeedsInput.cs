using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// The car's departure and energy need given with a start (REST/MQTT start, the cloud's authorize-result, the page),
/// put on its connector's <see cref="ConnectorInput"/> as a NotifyEVChargingNeeds value would be
/// (docs/load-balancing.md, "Departure times"). They are given before or when the session starts, and a
/// station's NotifyEVChargingNeeds comes once the car is plugged in: a station's value present here is the newer one and wins.
/// The need counts down by what the session took since it was given; both end with the session.
/// </summary>
internal static class SessionNeedsInput
{
    public static SiteSnapshot Apply(SiteSnapshot snapshot, SessionRecorder? recorder)
    {
        if (recorder is null)
        {
            return snapshot;
        }

        ConnectorInput[]? connectors = null;
        for (var i = 0; i < snapshot.Connectors.Length; i++)
        {
            var c = snapshot.Connectors[i];
            if (c.ChargerId is not { } chargerId || ConnectorOf(c.Id) is not { } connectorId
                || recorder.OpenOn(chargerId, connectorId) is not { Budget: { } budget } session
                || (budget.DepartureAt is null && budget.EnergyWh is null))
            {
                continue;
            }

            connectors ??= (ConnectorInput[])snapshot.Connectors.Clone();
            connectors[i] = c with
            {
                DepartureAt = c.DepartureAt ?? budget.DepartureAt,
                EnergyWantedWh = c.EnergyWantedWh ?? (budget.EnergyWh is { } needWh
                    ? Math.Max(0, (double)needWh - Math.Max(0, session.EnergyWh - budget.NeedsFromWh))
                    : null),
            };
        }

        return connectors is null ? snapshot : snapshot with { Connectors = connectors };
    }

    // The input's id is "chargerId/connectorId" (SiteModel).
    private static int? ConnectorOf(string inputId) =>
        inputId.LastIndexOf('/') is var slash and >= 0 && int.TryParse(inputId.AsSpan(slash + 1), out var connector) ? connector : null;
}
