using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// Puts the running cost of each connector's open session on a status (docs/pricing.md, "Running
/// cost"): what the session would cost if it stopped at the status's time. The status API, its live
/// feed, the page and MQTT telemetry all show a status through here.
/// </summary>
public sealed class RunningCosts(SessionRecorder recorder)
{
    /// <summary><paramref name="status"/> with the running cost on every connector that has a priced session; the same status when none has.</summary>
    public SiteStatus? On(SiteStatus? status)
    {
        if (status is null)
        {
            return null;
        }

        var changed = false;
        var chargers = new List<ChargerView>(status.Chargers.Count);
        foreach (var charger in status.Chargers)
        {
            var connectors = new List<ConnectorView>(charger.Connectors.Count);
            foreach (var connector in charger.Connectors)
            {
                var cost = recorder.Running(charger.Id, connector.Id, status.Ts)?.Cost;
                changed |= cost is not null;
                connectors.Add(cost is null ? connector : connector with { Cost = cost });
            }

            chargers.Add(charger with { Connectors = connectors });
        }

        return changed ? status with { Chargers = chargers } : status;
    }
}
