using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A pause for a measured overload where the base holds a start the loop just sent goes out only as far as the measured excess
/// needs (docs/control-loop.md, Session 25, pausesize25; <c>StabilityTests</c> seed 31 at 1 s): the estimate counts the start's
/// unseen draw as load nobody controls and gives the car its limit too, so a pause sized by it cuts the start twice. Only the
/// start is credited, at most by how far the base rose since it was sent. A 63 A grid with a 3 A margin; A charges at 6 A (its
/// minimum), B at 7 A, and C is started at 6 A into the last of the room; its charger reports the start only 8 s later. The
/// base creeps 0.6 A at 6 s and the meter reads 0.1 A over the limit less the margin while C is unseen: cutting B to its
/// minimum covers it, and no car needs a pause.
/// </summary>
public sealed class PauseSizedByTheMeasuredExcessTests
{
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan DeadTime = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan ResponseTime = TimeSpan.FromSeconds(5);

    private static readonly BalancerSettings Live = Sites.Settings(marginA: 3) with
    {
        ChangeBandA = 1,
        ChangeSettleTime = ResponseTime + Cycle,
        RaiseReadingMaxAge = TimeSpan.FromSeconds(1),
        ConnectorDataMaxAge = TimeSpan.MaxValue,
    };

    [Fact]
    public void A_measured_overload_on_a_base_holding_a_young_start_is_cut_by_its_excess_not_by_a_pause()
    {
        var a = new DelayedCar("A", Sites.Now.AddMinutes(-5), maxA: 6, startA: 6, DeadTime, ResponseTime, TimeSpan.FromSeconds(1), energyWh: 2000);
        var b = new DelayedCar("B", Sites.Now.AddMinutes(-5), maxA: 7, startA: 7, DeadTime, ResponseTime, TimeSpan.FromSeconds(1), energyWh: 4000);
        var c = new DelayedCar("C", null, maxA: 6, startA: 0, DeadTime, ResponseTime, TimeSpan.FromSeconds(8));
        DelayedCar[] cars = [a, b, c];
        var state = new BalancerState();
        var strategy = new FairShareStrategy();
        var trace = new List<string>();
        var paused = new List<string>();
        var started = false;

        for (var now = Sites.Now; now <= Sites.Now.AddSeconds(40); now += Cycle)
        {
            var t = (now - Sites.Now).TotalSeconds;
            var baseA = t < 6 ? 40.5 : 41.1;
            var gridA = baseA + cars.Sum(car => car.DrawA(now));
            var grid = Sites.Grid(63) with { Meter = new NodeMeasurement(PhaseCurrents.All(gridA), now) };
            var snapshot = Sites.Snapshot(Live, [grid], [.. cars.Select(car => car.Input(now))]) with { Time = now };
            var result = new AllocationResult();
            strategy.Allocate(snapshot, state, result);
            trace.Add(FormattableString.Invariant($"{t:0.0} grid {gridA:0.0} ") + string.Join(" | ", Enumerable.Range(0, 3).Select(k => FormattableString.Invariant($"{cars[k].Id} m{snapshot.Connectors[k].MeasuredCurrentA.L1A:0.0} -> {result.Connectors[k].LimitA:0.0} {result.Connectors[k].Reason}"))));
            for (var k = 0; k < cars.Length; k++)
            {
                var limitA = result.Connectors[k].LimitA;
                if (limitA <= 0 && cars[k].Sent[^1].LimitA > 0)
                {
                    paused.Add(FormattableString.Invariant($"{cars[k].Id} at {t:0.0} s"));
                }

                started |= k == 2 && limitA > 0;
                cars[k].Send(now, limitA);
            }

            Assert.True(gridA <= 63, $"the grid read {gridA:0.0} A at {t} s\n" + string.Join("\n", trace));
        }

        Assert.True(started, "C never started: the test shows nothing\n" + string.Join("\n", trace));
        Assert.True(paused.Count == 0, $"paused: {string.Join(", ", paused)}\n" + string.Join("\n", trace));
    }
}
