using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A pause for a measured overload where the base holds a start the loop just sent goes out only as far as the measured excess
/// needs (docs/control-loop-sessions.md, Session 25, pausesize25; <c>StabilityTests</c> seed 31 at 1 s): the estimate counts the start's
/// unseen draw as load nobody controls and gives the car its limit too, so a pause sized by it cuts the start twice. Only the
/// start is credited, at most by how far the base rose since it was sent. A 63 A grid with a 3 A margin; A charges at 6 A (its
/// minimum), B at 7 A, and C is started at 6 A into the last of the room; its charger reports the start only 8 s later.
/// </summary>
public sealed class PauseSizedByTheMeasuredExcessTests
{
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan ResponseTime = TimeSpan.FromSeconds(5);

    // The base creeps 0.6 A at 6 s and the meter reads 0.1 A over the limit less the margin while C is unseen: cutting B to its
    // minimum covers it, and no car needs a pause.
    [Fact]
    public void A_measured_overload_on_a_base_holding_a_young_start_is_cut_by_its_excess_not_by_a_pause()
    {
        var (paused, trace) = Run(TimeSpan.FromSeconds(0.5), t => t < 6 ? 40.5 : 41.1);

        Assert.True(paused.Count == 0, $"paused: {string.Join(", ", paused)}\n" + trace);
    }

    // C's car takes 4 s to start (within its response time, 5 s); the base steps 7 A at 2 s, before it draws, and the meter reads
    // over: that rise is the base's own, not C's, and once C draws the grid would pass its fuse. Nothing is credited before the
    // response time: the pause goes out at once, as without the rule.
    [Fact]
    public void A_base_rise_before_the_start_has_had_its_response_time_is_not_credited()
    {
        var (paused, trace) = Run(TimeSpan.FromSeconds(4), t => t < 2 ? 40.5 : 47.5);

        Assert.True(paused.Count > 0, "no car was paused: the site needs one once C draws\n" + trace);
    }

    private static (List<string> Paused, string Trace) Run(TimeSpan startDeadTime, Func<double, double> baseAt)
    {
        var deadTime = TimeSpan.FromSeconds(0.5);
        var a = new DelayedCar("A", Sites.Now.AddMinutes(-5), maxA: 6, startA: 6, deadTime, ResponseTime, TimeSpan.FromSeconds(1), energyWh: 2000);
        var b = new DelayedCar("B", Sites.Now.AddMinutes(-5), maxA: 7, startA: 7, deadTime, ResponseTime, TimeSpan.FromSeconds(1), energyWh: 4000);
        var c = new DelayedCar("C", null, maxA: 6, startA: 0, startDeadTime, ResponseTime, TimeSpan.FromSeconds(8));
        DelayedCar[] cars = [a, b, c];
        var site = new DelayedCarSite(cars, ResponseTime, Cycle);
        var (paused, trace) = site.Run(TimeSpan.FromSeconds(40), baseAt);
        var started = c.Sent.Any(s => s.LimitA > 0);
        Assert.True(started, "C never started: the test shows nothing\n" + trace);
        return ([.. paused.Select(p => FormattableString.Invariant($"{p.Id} at {p.AtS:0.0} s"))], trace);
    }
}
