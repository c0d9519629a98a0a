using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// Replays a session trace through a strategy in the <see cref="AcnModel"/>, scored as the README
/// scores it, so the result stands beside the published figures. Every period the strategy sees
/// the sessions still plugged in whose remaining demand is above 0.001 kWh, as 1-phase connectors
/// under one node whose limit is the model's aggregate limit. Optionally reports each pilot.
/// </summary>
public static class AcnSimulator
{
    /// <summary>
    /// Replays <paramref name="sessions"/>; <paramref name="pilots"/> receives (period, session id, pilot A) for every pilot above 0,
    /// <paramref name="sitePowerKw"/> (period, kW) the power the cars drew in every period in which any car was present.
    /// </summary>
    public static SimulationMetrics Run(IReadOnlyList<ChargingSession> sessions, IAllocationStrategy strategy, AcnModel model, Action<int, string, double>? pilots = null, Action<int, double>? sitePowerKw = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(model);
        var order = Enumerable.Range(0, sessions.Count).OrderBy(i => sessions[i].ArrivalPeriod).ThenBy(i => i).ToArray();
        var remainingKwh = sessions.Select(s => s.RequestedEnergyKwh).ToArray();
        var periodH = model.Period.TotalHours;
        var settings = new BalancerSettings
        {
            FallbackCurrentA = 0,
            NominalVoltageV = model.VoltageV,
            ReclaimEnabled = false,
            MinPauseTime = TimeSpan.Zero,
            MinRunTime = TimeSpan.Zero,
            DeadlineAware = model.DeparturesKnown || model.AssumedStay is not null,
            AssumedStay = model.AssumedStay,
            EnergyCapPeriod = model.Period,
        };
        var nodes = new[] { new CircuitNode { Id = "aggregate", MaxCurrentA = PhaseCurrents.All(model.LimitA) } };
        var state = new BalancerState();
        var result = new AllocationResult();
        var active = new List<int>();
        var present = new List<int>();
        var meter = new ScoreKeeper(model.LimitA);
        var peak = model.PowerTariff is { } tariff ? new PeakTracker(tariff) : null;
        var needs = peak is null ? [] : new EnergyNeed[sessions.Count];
        var cheapHours = new CheapHoursHold();
        var next = 0;
        var end = sessions.Count == 0 ? 0 : sessions.Max(s => s.DeparturePeriod);
        for (var period = sessions.Count == 0 ? 0 : sessions[order[0]].ArrivalPeriod; period < end; period++)
        {
            while (next < order.Length && sessions[order[next]].ArrivalPeriod <= period)
            {
                active.Add(order[next++]);
            }

            active.RemoveAll(i => sessions[i].DeparturePeriod <= period);
            present.Clear();
            present.AddRange(active.Where(i => remainingKwh[i] > model.DoneBelowKwh));
            if (present.Count == 0)
            {
                continue;
            }

            var now = TraceClock.At(period, model.Period);
            var connectors = new ConnectorInput[present.Count];
            for (var c = 0; c < present.Count; c++)
            {
                connectors[c] = Connector(sessions[present[c]], remainingKwh[present[c]], model, now);
            }

            var snapshot = new SiteSnapshot { Time = now, Nodes = nodes, Connectors = connectors, Settings = settings };
            var roomW = model.CapacityKw * 1000;
            if (peak is not null)
            {
                var target = PeakTargetPlanner.Decide(peak, snapshot, baseLoadW: 0, model.CapacityKw * 1000, model.Period, needs);
                snapshot = snapshot with { Constraints = new SiteConstraints { SitePowerTargetKw = target.CapW / 1000 } };
                roomW = Math.Min(roomW, target.LevelW);
            }

            if (model.EnergyPriceAt is { } priceAt)
            {
                // The cars plan their cheap slots on their share of what the site allows them then.
                snapshot = cheapHours.Apply(snapshot, priceAt, CheapHours.QuarterHour, roomW);
            }

            strategy.Allocate(snapshot, state, result);
            var demandA = 0.0;
            var pilotSumA = 0.0;
            var drawSumA = 0.0;
            for (var c = 0; c < present.Count; c++)
            {
                var session = sessions[present[c]];
                var pilotA = Math.Clamp(result.Connectors[c].LimitA, 0, model.MaxPilotA);
                var drawKw = Math.Min(Math.Min(pilotA * model.VoltageV / 1000, session.MaxPowerKw), remainingKwh[present[c]] / periodH);
                remainingKwh[present[c]] -= drawKw * periodH;
                demandA += Math.Min(connectors[c].MaxCurrentA, remainingKwh[present[c]] / periodH * 1000 / model.VoltageV + (drawKw * 1000 / model.VoltageV));
                pilotSumA += pilotA;
                drawSumA += drawKw * 1000 / model.VoltageV;
                if (pilotA > 0)
                {
                    pilots?.Invoke(period, session.SessionId, pilotA);
                }
            }

            var drawnKw = drawSumA * model.VoltageV / 1000;
            peak?.Add(now, now + model.Period, drawnKw * 1000);
            sitePowerKw?.Invoke(period, drawnKw);
            meter.Peak(pilotSumA);
            meter.Short(drawSumA, model.LimitA, demandA);
            if (pilotSumA > model.LimitA + 1e-6)
            {
                meter.AboveLimit(model.Period.TotalSeconds);
            }
        }

        return meter.Finish(strategy.Name + (model.DeparturesKnown ? " (departures known)" : model.AssumedStay is { } stay ? $" (no departures, assumed {stay.TotalHours:0.#} h stay)" : ""), model.CapacityKw, sessions.Select(s => s.RequestedEnergyKwh).ToArray(), remainingKwh, model.DoneBelowKwh);
    }

    private static ConnectorInput Connector(ChargingSession session, double remainingKwh, AcnModel model, DateTimeOffset now) => new()
    {
        Id = session.SessionId,
        CircuitIndex = 0,
        WiredPhases = 1,
        MinCurrentA = 0,
        MaxCurrentA = Math.Min(model.MaxPilotA, session.MaxPowerKw * 1000 / model.VoltageV),
        StepA = 0,
        Activity = ConnectorActivity.Charging,
        MeasuredAt = now,
        LastLimitAt = now,
        SessionStartedAt = TraceClock.At(session.ArrivalPeriod, model.Period),
        SessionEnergyWh = (session.RequestedEnergyKwh - remainingKwh) * 1000,
        EnergyWantedWh = remainingKwh * 1000,
        DepartureAt = model.DeparturesKnown ? TraceClock.At(session.EstimatedDeparturePeriod, model.Period) : null,
    };
}
