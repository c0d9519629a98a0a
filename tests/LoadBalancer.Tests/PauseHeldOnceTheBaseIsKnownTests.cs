using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A pause decided on an unsure base is left unheld so that the car takes its share once the base is known (Session 20); where
/// the base is known and there is still no room for it, the pause was one the load needed and is held for the pause time
/// (docs/control-loop-sessions.md, Session 24; <c>StabilityTests</c> seed 31 at 1 s with report requests, a 21 s pause in steady state).
/// A 63 A grid with a 3 A margin, the base load creeping up; A and B charge, C is started at its minimum, and its charger
/// reports the start only 6 s later (a charger reporting on request, "Asking for a report"): the creep reads over while C's
/// start still counts as load nobody controls, and a car is paused. The base falls 20 s later.
/// </summary>
public sealed class PauseHeldOnceTheBaseIsKnownTests
{
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan DeadTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ResponseTime = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_car_paused_on_an_unsure_base_with_no_room_once_the_base_is_known_is_held_for_the_pause_time()
    {
        var a = new DelayedCar("A", Sites.Now.AddMinutes(-5), maxA: 32, startA: 10, DeadTime, ResponseTime, TimeSpan.FromSeconds(1), energyWh: 2000);
        var b = new DelayedCar("B", Sites.Now.AddMinutes(-5), maxA: 32, startA: 10, DeadTime, ResponseTime, TimeSpan.FromSeconds(1), energyWh: 4000);
        var c = new DelayedCar("C", null, maxA: 32, startA: 0, DeadTime, ResponseTime, TimeSpan.FromSeconds(6));
        DelayedCar[] cars = [a, b, c];
        var site = new DelayedCarSite(cars, ResponseTime, Cycle);
        var trace = site.Trace;
        var pausedAt = new DateTimeOffset?[cars.Length];
        var pauses = new List<(string Car, double AtS, double ForS)>(); // each pause that ended: its car, when, how long

        for (var now = Sites.Now; now <= Sites.Now.AddSeconds(120); now += Cycle)
        {
            var t = (now - Sites.Now).TotalSeconds;
            var baseA = t < 4 ? 40 : t < 30 ? 43 : 30;
            var (gridA, result) = site.Cycle(now, baseA, t);
            for (var k = 0; k < cars.Length; k++)
            {
                var limitA = result.Connectors[k].LimitA;
                if (limitA <= 0 && cars[k].Sent[^1].LimitA > 0)
                {
                    pausedAt[k] = now;
                }
                else if (limitA > 0 && pausedAt[k] is { } at)
                {
                    pauses.Add((cars[k].Id, (at - Sites.Now).TotalSeconds, (now - at).TotalSeconds));
                    pausedAt[k] = null;
                }

                cars[k].Send(now, limitA);
            }

            Assert.True(gridA <= 63, $"the grid read {gridA:0.0} A at {t} s\n" + string.Join("\n", trace));
        }

        // B, paused while C's start was unseen, finds no room once it is seen (the base 3 A higher): that pause was needed, and
        // it is held for the pause time, not ended by the fall of the base 26 s later.
        var seen = string.Join(", ", pauses.Select(p => FormattableString.Invariant($"{p.Car} paused at {p.AtS:0.0} s for {p.ForS:0.0} s")));
        Assert.True(pauses.Any(p => p.Car == "B" && p.AtS < 9), $"B was not paused before C's start was seen ({seen}): the test shows nothing\n" + string.Join("\n", trace.Take(40)));
        Assert.True(pauses.All(p => p.ForS >= site.Settings.MinPauseTime.TotalSeconds), $"{seen}\n" + string.Join("\n", trace.Take(40)));
    }
}
