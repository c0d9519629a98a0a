using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A pause decided on an unsure base is not held for the pause time (docs/control-loop-sessions.md, Session 20, "A pause on an
/// unsure base"; the end-to-end run's property 2, 53 % of the room in one CI run of four). The end-to-end site: a 63 A
/// grid with a 3 A margin, three three-phase cars of 16 A that answer a new limit after a 2 s dead time, the base load
/// stepping from 10 to 30 A just as the last car started draws — its charger has not reported it yet, so the first cut
/// after the step counts its 16 A as load nobody controls and pauses a car that the 30 A of room had a share for.
/// </summary>
public sealed class PauseOnUnsureBaseTests
{
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan DeadTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ResponseTime = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_car_paused_while_a_start_was_unreported_takes_its_share_once_the_start_is_seen()
    {
        // A and B run at 16 A; C plugged in 2.5 s before the step is started then and draws from 0.5 s before it, its
        // charger's report a second behind. 30 A of room after the step: a share for each car (10 A), no one need stay paused.
        var a = Car("A", Sites.Now.AddMinutes(-5));
        var b = Car("B", Sites.Now.AddMinutes(-5));
        var c = Car("C", null);
        DelayedCar[] cars = [a, b, c];
        var site = new DelayedCarSite(cars, ResponseTime, Cycle);
        var heldPaused = new List<string>();
        var trace = site.Trace;
        double usedA = 0;
        var samples = 0;

        for (var now = Sites.Now.AddSeconds(-2.5); now <= Sites.Now.AddSeconds(50); now += Cycle)
        {
            var (gridA, result) = site.Cycle(now, now < Sites.Now ? 10 : 30, (now - Sites.Now).TotalSeconds);
            for (var k = 0; k < cars.Length; k++)
            {
                cars[k].Send(now, result.Connectors[k].LimitA);
                if (now >= Sites.Now.AddSeconds(30) && result.Connectors[k].Reason == AllocationReason.PausedHold)
                {
                    heldPaused.Add(FormattableString.Invariant($"{cars[k].Id} at {(now - Sites.Now).TotalSeconds:0.0} s"));
                }
            }

            Assert.True(gridA <= 63 || now < Sites.Now + DeadTime + TimeSpan.FromSeconds(1), $"the grid read {gridA} A at {(now - Sites.Now).TotalSeconds} s");
            if (now >= Sites.Now.AddSeconds(30))
            {
                usedA += cars.Sum(car => car.DrawA(now));
                samples++;
            }
        }

        Assert.True(heldPaused.Count == 0, "held paused with room for it: " + string.Join(", ", heldPaused.Take(3)) + "\n" + string.Join("\n", trace.Take(20)));
        Assert.True(usedA / samples >= 0.9 * 30, $"the cars drew {usedA / samples:0.0} A of the 30 A of room from 30 s on\n" + string.Join("\n", trace.Take(20)));
    }

    private static DelayedCar Car(string id, DateTimeOffset? runningSince) =>
        new(id, runningSince, maxA: 16, startA: 16, DeadTime, ResponseTime, reportLag: TimeSpan.FromSeconds(1));
}
