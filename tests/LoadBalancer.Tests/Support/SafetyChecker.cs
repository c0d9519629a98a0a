using System.Globalization;

namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>
/// Checks a result against its snapshot independently of the balancer's own bookkeeping: every node
/// and phase, node power, site cap, per-charger cap, emergency stop, phase detection and the form of
/// each limit. Returns one line per violation.
/// </summary>
internal static class SafetyChecker
{
    private const double Tolerance = 1e-6;

    public static List<string> Violations(SiteSnapshot snapshot, AllocationResult result, bool checkImbalance)
    {
        var problems = new List<string>();
        var settings = snapshot.Settings;
        var kwPerA = settings.NominalVoltageV / 1000;
        var outputs = result.Connectors.ToArray();
        if (outputs.Length != snapshot.Connectors.Length)
        {
            problems.Add("one output per connector");
            return problems;
        }

        for (var i = 0; i < outputs.Length; i++)
        {
            CheckConnector(snapshot, snapshot.Connectors[i], outputs[i], i, problems);
        }

        for (var k = 0; k < snapshot.Nodes.Length; k++)
        {
            CheckNode(snapshot, k, outputs, checkImbalance, problems);
        }

        if (snapshot.Constraints.SiteCapKw is { } siteCapKw)
        {
            var (totalA, controllableA) = (0.0, 0.0);
            for (var i = 0; i < outputs.Length; i++)
            {
                var (perPhaseA, stale) = Counted(snapshot, i, outputs[i]);
                totalA += perPhaseA.L1A + perPhaseA.L2A + perPhaseA.L3A;
                controllableA += stale ? 0 : outputs[i].LimitA;
            }

            if (totalA * kwPerA > siteCapKw + Tolerance && controllableA > 0)
            {
                problems.Add(F("site cap {0} kW exceeded: {1} kW", siteCapKw, totalA * kwPerA));
            }
        }

        if (snapshot.Constraints.PerChargerCapKw is { } chargerCapKw)
        {
            CheckChargers(snapshot, outputs, chargerCapKw, problems);
        }

        return problems;
    }

    // All connectors of a charger together within the per-charger cap (stale ones at their counted current).
    private static void CheckChargers(SiteSnapshot snapshot, ConnectorAllocation[] outputs, double capKw, List<string> problems)
    {
        var kwPerA = snapshot.Settings.NominalVoltageV / 1000;
        var chargers = Enumerable.Range(0, outputs.Length).Where(i => snapshot.Connectors[i].ChargerId is not null).GroupBy(i => snapshot.Connectors[i].ChargerId);
        foreach (var charger in chargers)
        {
            var (totalA, controllableA) = (0.0, 0.0);
            foreach (var i in charger)
            {
                var (perPhaseA, stale) = Counted(snapshot, i, outputs[i]);
                totalA += perPhaseA.L1A + perPhaseA.L2A + perPhaseA.L3A;
                controllableA += stale ? 0 : outputs[i].LimitA;
            }

            if (totalA * kwPerA > capKw + Tolerance && controllableA > 0)
            {
                problems.Add(F("charger {0}: {1} kW over the {2} kW charger cap", charger.Key!, totalA * kwPerA, capKw));
            }
        }
    }

    private static void CheckConnector(SiteSnapshot snapshot, ConnectorInput connector, ConnectorAllocation output, int i, List<string> problems)
    {
        var limitA = output.LimitA;
        if (limitA != 0)
        {
            var onStep = connector.StepA == 0 || Math.Abs((limitA / connector.StepA) - Math.Round(limitA / connector.StepA)) < 1e-6;
            if (limitA < connector.MinCurrentA - Tolerance || limitA > connector.MaxCurrentA + Tolerance || !onStep)
            {
                problems.Add(F("connector {0}: {1} A is not 0 nor within [{2}, {3}] in steps of {4}", i, limitA, connector.MinCurrentA, connector.MaxCurrentA, connector.StepA));
            }
        }

        if (snapshot.Constraints.EmergencyStop && limitA != 0)
        {
            problems.Add(F("connector {0}: {1} A during an emergency stop", i, limitA));
        }

        var phases = System.Numerics.BitOperations.PopCount((uint)output.GridPhaseMask);
        if (snapshot.Constraints.PerChargerCapKw is { } capKw && limitA * phases * snapshot.Settings.NominalVoltageV / 1000 > capKw + Tolerance)
        {
            problems.Add(F("connector {0}: {1} A on {2} phases is above the {3} kW charger cap", i, limitA, phases, capKw));
        }

        var wiredMask = 0;
        for (var c = 0; c < connector.WiredPhases; c++)
        {
            var gridPhase = connector.Rotation.GridPhase(c);
            wiredMask |= 1 << gridPhase;
            if (IsFreshCar(snapshot, connector) && connector.MeasuredCurrentA[c] >= snapshot.Settings.PhaseInUseA && !output.UsesGridPhase(gridPhase))
            {
                problems.Add(F("connector {0}: draws {1} A on grid L{2} but is not counted there", i, connector.MeasuredCurrentA[c], gridPhase + 1));
            }
        }

        if ((output.GridPhaseMask & ~wiredMask) != 0)
        {
            problems.Add(F("connector {0}: counted on a phase it is not wired to", i));
        }
    }

    private static void CheckNode(SiteSnapshot snapshot, int k, ConnectorAllocation[] outputs, bool checkImbalance, List<string> problems)
    {
        var node = snapshot.Nodes[k];
        var settings = snapshot.Settings;
        var allocatedA = new double[3];
        var controllableA = new double[3];
        var drawA = new double[3];
        var meterFresh = node.Meter is { } meter && !meter.IsStale && snapshot.Time - meter.Timestamp <= settings.MeasurementMaxAge;
        for (var i = 0; i < outputs.Length; i++)
        {
            var connector = snapshot.Connectors[i];
            if (!RandomSites.IsBelow(snapshot.Nodes, connector.CircuitIndex, k))
            {
                continue;
            }

            var (perPhaseA, stale) = Counted(snapshot, i, outputs[i]);
            var creditA = meterFresh && IsFreshCar(snapshot, connector) ? IdlePhaseCredit(snapshot, connector, outputs[i]) : PhaseCurrents.Zero;
            for (var p = 0; p < 3; p++)
            {
                allocatedA[p] += perPhaseA[p] - creditA[p];
                controllableA[p] += stale ? 0 : perPhaseA[p];
            }

            if (IsFreshCar(snapshot, connector))
            {
                for (var c = 0; c < connector.WiredPhases; c++)
                {
                    drawA[connector.Rotation.GridPhase(c)] += connector.MeasuredCurrentA[c];
                }
            }
        }

        var loadA = new double[3];
        for (var p = 0; p < 3; p++)
        {
            var uncontrolledA = meterFresh ? node.Meter!.CurrentA[p] - drawA[p] : 0;
            loadA[p] = uncontrolledA + allocatedA[p];
            if (loadA[p] > node.MaxCurrentA[p] - settings.SafetyMarginA + Tolerance && controllableA[p] > 0)
            {
                problems.Add(F("node {0} L{1}: {2} A over the limit {3} A − margin", k, p + 1, loadA[p], node.MaxCurrentA[p]));
            }

            var fallback = node.ParentIndex < 0 && node.Meter is not null && !meterFresh;
            if (fallback && allocatedA[p] > settings.FallbackCurrentA + Tolerance && controllableA[p] > 0)
            {
                problems.Add(F("node {0} L{1}: {2} A over the fallback {3} A", k, p + 1, allocatedA[p], settings.FallbackCurrentA));
            }
        }

        var loadKw = (loadA[0] + loadA[1] + loadA[2]) * settings.NominalVoltageV / 1000;
        if (node.MaxPowerKw is { } maxKw && loadKw > maxKw + Tolerance && controllableA.Sum() > 0)
        {
            problems.Add(F("node {0}: {1} kW over its {2} kW", k, loadKw, maxKw));
        }

        if (checkImbalance && node.MaxImbalanceA is { } maxImbalanceA)
        {
            var heaviest = Array.IndexOf(loadA, loadA.Max());
            var lightest = Array.IndexOf(loadA, loadA.Min());
            if (loadA[heaviest] - loadA[lightest] > maxImbalanceA + Tolerance && AddsTo(snapshot, k, outputs, heaviest, lightest) is { } culprit)
            {
                problems.Add(F("node {0}: phases differ by {1} A, over {2} A, and connector {3} adds to it", k, loadA[heaviest] - loadA[lightest], maxImbalanceA, culprit));
            }
        }
    }

    // A connector the balancer set that loads the heaviest phase and not the lightest one.
    private static int? AddsTo(SiteSnapshot snapshot, int k, ConnectorAllocation[] outputs, int heaviest, int lightest)
    {
        for (var i = 0; i < outputs.Length; i++)
        {
            var output = outputs[i];
            if (output.LimitA > 0 && output.Reason != AllocationReason.StaleData && output.UsesGridPhase(heaviest) && !output.UsesGridPhase(lightest)
                && RandomSites.IsBelow(snapshot.Nodes, snapshot.Connectors[i].CircuitIndex, k))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>What a connector counts for per grid phase: its limit on the phases it is counted on, or when stale its larger of last limit and failsafe on every wired phase.</summary>
    private static (PhaseCurrents PerPhaseA, bool Stale) Counted(SiteSnapshot snapshot, int i, ConnectorAllocation output)
    {
        var connector = snapshot.Connectors[i];
        var perPhase = new double[3];
        var stale = !snapshot.Constraints.EmergencyStop && IsStale(snapshot, connector);
        for (var p = 0; p < 3; p++)
        {
            perPhase[p] = output.UsesGridPhase(p) ? output.LimitA : 0;
        }

        if (stale)
        {
            var countedA = Math.Max(connector.LastLimitA, connector.FailsafeCurrentA);
            for (var c = 0; c < connector.WiredPhases; c++)
            {
                perPhase[connector.Rotation.GridPhase(c)] = countedA;
            }
        }

        return (new PhaseCurrents(perPhase[0], perPhase[1], perPhase[2]), stale);
    }

    /// <summary>
    /// Counted on a phase its measured draw shows idle while it draws on another counted phase, under a fresh meter, a car
    /// holds there its limit less its least draw on a drawing phase — as before its phase was known, when that draw was
    /// taken out of every phase's reading (docs/control-loop-sessions.md, Session 22): what it may add there if it moves its draw.
    /// </summary>
    private static PhaseCurrents IdlePhaseCredit(SiteSnapshot snapshot, ConnectorInput connector, ConnectorAllocation output)
    {
        var settings = snapshot.Settings;
        var high = connector.MeasuredCurrentHighA ?? connector.MeasuredCurrentA;
        var drawA = double.PositiveInfinity;
        var idle = new bool[3];
        for (var c = 0; c < connector.WiredPhases; c++)
        {
            var gridPhase = connector.Rotation.GridPhase(c);
            if (!output.UsesGridPhase(gridPhase))
            {
                continue;
            }

            if (connector.MeasuredCurrentA[c] >= settings.PhaseInUseA)
            {
                drawA = Math.Min(drawA, connector.MeasuredCurrentA[c]);
            }
            else if (Math.Max(connector.MeasuredCurrentA[c], high[c]) < settings.PhaseIdleA)
            {
                idle[gridPhase] = true;
            }
        }

        var creditA = double.IsPositiveInfinity(drawA) ? 0 : Math.Min(drawA, Math.Max(connector.CommittedA ?? connector.LastLimitA, connector.LastLimitA));
        return new PhaseCurrents(idle[0] ? creditA : 0, idle[1] ? creditA : 0, idle[2] ? creditA : 0);
    }

    private static bool IsStale(SiteSnapshot snapshot, ConnectorInput connector) =>
        connector.IsStale || snapshot.Time - connector.MeasuredAt > snapshot.Settings.ConnectorDataMaxAge;

    private static bool IsFreshCar(SiteSnapshot snapshot, ConnectorInput connector) =>
        !snapshot.Constraints.EmergencyStop && !IsStale(snapshot, connector)
        && connector.Activity is not (ConnectorActivity.Available or ConnectorActivity.Faulted or ConnectorActivity.Unavailable);

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
