using System.Globalization;
using System.Text;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// A line every <paramref name="every"/> of simulated time: the truth at the grid connection per phase
/// (the base load, the cars' draw, what the plugged-in cars could take within the room the fuse
/// leaves) beside what the loop saw and decided (its grid reading, how many connectors it gave each
/// reason). Attach with <see cref="ClosedLoopSite.Observer"/>; for diagnosing the loop, not for scoring.
/// </summary>
public sealed class SiteTrace(TextWriter output, TimeSpan every)
{
    /// <summary>Also each circuit's truth and every connector with a car: what it could take, was offered and was told why.</summary>
    public bool Detail { get; init; }

    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private DateTimeOffset _start;

    public void Observe(ClosedLoopSite site)
    {
        var now = site.Time.GetUtcNow();
        if (_next == DateTimeOffset.MinValue)
        {
            _start = now;
            _next = now;
        }

        if (now < _next)
        {
            return;
        }

        _next += every;
        var physics = site.Site.Physics;
        var grid = site.Site.Configuration.Grid;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{(now - _start).TotalSeconds,6:0.0}s");
        for (var p = 0; p < 3; p++)
        {
            var room = Math.Max(0, grid.MaxCurrentA - grid.SafetyMarginA - physics.UncontrolledA(0, p));
            var want = physics.Connectors.Where(c => c.Car is not null && CarOnPhase(c, p)).Sum(c => c.Car!.WantA(now));
            var estimated = site.Loop.Latest?.Grid.UncontrolledA is { } u ? u[p] : double.NaN;
            line.Append(CultureInfo.InvariantCulture, $" | L{p + 1} base {physics.UncontrolledA(0, p),5:0.0}~{estimated,5:0.0} cars {physics.CarsA(0, p),5:0.0} could {Math.Min(room, want),5:0.0}");
        }

        var overA = Enumerable.Range(0, 3).Max(p => physics.ActualA(0, p) - Math.Max(grid.MaxCurrentA, physics.UncontrolledA(0, p)));
        if (overA > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" | OVER {overA:0.0} A");
        }

        var cars = physics.Connectors.Count(c => c.Car is { } car && car.WantA(now) > 0);
        var drawing = physics.Connectors.Count(c => c.Car is { DrawA: > 0 });
        line.Append(CultureInfo.InvariantCulture, $" | drawing {drawing}/{cars}");
        if (site.Loop.Latest is { } status)
        {
            var reasons = status.Chargers
                .SelectMany(c => c.Connectors.Select(v => (Connector: physics.Connectors.First(s => s.ChargerId == c.Id && s.ConnectorId == v.Id), View: v)))
                .Where(x => x.Connector.Car is { } car && car.WantA(now) > 0)
                .GroupBy(x => x.View.Reason ?? "-")
                .Select(g => $"{g.Key}:{g.Count()}/{g.Sum(x => x.View.LimitA ?? 0):0}A");
            line.Append(" | ").AppendJoin(' ', reasons);
            if (status.Grid.Fallback)
            {
                line.Append(" | FALLBACK");
            }
        }

        output.WriteLine(line.ToString());
        if (Detail)
        {
            TraceCircuitsAndConnectors(site, now);
        }

        TraceEstimateErrors(site, now);
    }

    // Beneath each line, the connectors whose draw the loop's low estimate missed by 1.5 A or more, largest
    // first, with what it knew of them: where the estimate of the load nobody controls goes wrong.
    private void TraceEstimateErrors(ClosedLoopSite site, DateTimeOffset now)
    {
        var physics = site.Site.Physics;
        if (site.Loop.LastSnapshot is { } snap)
        {
            var rows = new List<(double Err, string Text)>();
            foreach (var input in snap.Connectors)
            {
                var sim = physics.Connectors.First(s => s.ChargerId + "/" + s.ConnectorId == input.Id);
                var truth = sim.ChargerPhaseA;
                for (var k = 0; k < input.WiredPhases; k++)
                {
                    var err = truth[k] - input.MeasuredCurrentA[k];
                    if (Math.Abs(err) >= 1.5)
                    {
                        rows.Add((err, FormattableString.Invariant($"{input.Id}[{k}] true {truth[k]:0.0} low {input.MeasuredCurrentA[k]:0.0} high {(input.MeasuredCurrentHighA ?? input.MeasuredCurrentA)[k]:0.0} last {input.LastLimitA:0.0} @{(now - input.LastLimitAt).TotalSeconds:0}s comm {input.CommittedA:0.0} off {sim.OfferedA:0.0} {input.Activity}{(input.IsStale ? " STALE" : "")} car{sim.CarPhases}ph")));
                    }
                }
            }

            foreach (var row in rows.OrderByDescending(r => Math.Abs(r.Err)).Take(6))
            {
                output.WriteLine(FormattableString.Invariant($"         err {row.Err,6:0.0} {row.Text}"));
            }
        }
    }

    private void TraceCircuitsAndConnectors(ClosedLoopSite site, DateTimeOffset now)
    {
        var physics = site.Site.Physics;
        var views = site.Loop.Latest?.Chargers.SelectMany(c => c.Connectors.Select(v => (Key: c.Id + "/" + v.Id, View: v))).ToDictionary(x => x.Key, x => x.View);
        for (var node = 1; node < physics.Nodes.Count; node++)
        {
            var n = physics.Nodes[node];
            var text = string.Join(" | ", Enumerable.Range(0, 3).Select(p => FormattableString.Invariant(
                $"L{p + 1} cars {physics.CarsA(node, p),5:0.0} want {physics.Connectors.Where(c => c.CircuitNode == node && c.Car is not null && CarOnPhase(c, p)).Sum(c => c.Car!.WantA(now)),5:0.0}")));
            output.WriteLine(FormattableString.Invariant($"         {n.Id} limit {n.LimitA:0} | {text}"));
        }

        if (site.Loop.LastSnapshot is { } snap)
        {
            foreach (var node in snap.Nodes)
            {
                output.WriteLine(FormattableString.Invariant($"         node {node.Id} max {node.MaxCurrentA.MaxA:0} meter {(node.Meter is { } m ? $"{m.CurrentA.L1A:0.0}/{m.CurrentA.L2A:0.0}/{m.CurrentA.L3A:0.0}{(m.IsStale ? " STALE" : "")}" : "none")}"));
            }

            foreach (var input in snap.Connectors)
            {
                output.WriteLine(FormattableString.Invariant(
                    $"         in {input.Id} c{input.CircuitIndex} {input.Activity} low {input.MeasuredCurrentA.L1A:0.0}/{input.MeasuredCurrentA.L2A:0.0}/{input.MeasuredCurrentA.L3A:0.0} last {input.LastLimitA:0.0} comm {input.CommittedA:0.0} max {input.MaxCurrentA:0.0} notTaken {input.LimitsNotTaken}/{input.LimitsAnswered}{(input.IsStale ? " STALE" : "")}"));
                if (input.CommittedA > input.LastLimitA + 0.5 && site.Loop.Connectors.FirstOrDefault(r => r.ChargerId + "/" + r.ConnectorId == input.Id) is { } runtime)
                {
                    foreach (var epoch in runtime.History.Epochs)
                    {
                        output.WriteLine(FormattableString.Invariant($"           epoch {epoch.LimitA:0.0} from {(epoch.From == DateTimeOffset.MinValue ? double.NaN : (epoch.From - _start).TotalSeconds):0.0} until {(epoch.Until is { } u ? (u - _start).TotalSeconds : double.NaN):0.0} {epoch.State}"));
                    }
                }
            }
        }

        foreach (var c in physics.Connectors.Where(c => c.Car is { } car && car.WantA(now) > 0))
        {
            var view = views?.GetValueOrDefault(c.ChargerId + "/" + c.ConnectorId);
            output.WriteLine(FormattableString.Invariant(
                $"         {c.ChargerId} {physics.Nodes[c.CircuitNode].Id} car{c.CarPhases}ph on L{c.GridPhaseOf[0] + 1} want {c.Car!.WantA(now):0.0} offered {c.OfferedA:0.0} draw {c.Car.DrawA:0.0} energy {c.EnergyWh / 1000:0.0} kWh | {view?.Reason} {view?.LimitA:0.0} A"));
        }
    }

    private static bool CarOnPhase(SimConnector connector, int gridPhase)
    {
        for (var k = 0; k < connector.CarPhases; k++)
        {
            if (connector.GridPhaseOf[k] == gridPhase)
            {
                return true;
            }
        }

        return false;
    }
}
