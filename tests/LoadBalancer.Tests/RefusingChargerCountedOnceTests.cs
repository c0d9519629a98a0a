using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A charger that refused its cut is stale and counted at the most it may hold; while it still reports, its real draw
/// is taken out of the grid reading as well — counted once — except where a meter reads over its limit less the margin,
/// where the double count stays as caution while cuts are on their way (docs/control-loop-sessions.md, Session 14, "A refusing
/// charger counted twice").
/// </summary>
public sealed class RefusingChargerCountedOnceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_refusing_chargers_draw_is_counted_once_in_the_load_nobody_controls_unless_a_meter_reads_over(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 50; round++)
        {
            // Building load, a car that takes its limits, and one whose charger refused its cut: counted at its held
            // limit, drawing up to it (a car may take less).
            var baseA = 5 + (random.NextDouble() * 30);
            var drawnA = 6 + (random.NextDouble() * 10);
            var heldA = 16.0;
            var refusingA = 6 + (random.NextDouble() * 10);
            var meterA = baseA + drawnA + refusingA;
            var limitA = meterA + 2 + (random.NextDouble() * 30);
            var over = round % 3 == 0;
            if (over)
            {
                // The meter reads over its 2 A margin.
                limitA = meterA + 2 - 0.1 - (random.NextDouble() * 5);
            }

            var reports = round % 5 != 4;
            var car = Car("car", drawA: drawnA) with { LastLimitA = drawnA, CommittedA = drawnA };
            var refusing = Car("refusing", drawA: refusingA) with
            {
                IsStale = true,
                DrawKnownWhileStale = reports,
                LastLimitA = 6,
                CommittedA = heldA,
                FailsafeCurrentA = 6,
            };

            var result = Run(new FairShareStrategy(), Snapshot(Settings(marginA: 2), [Grid(limitA, PhaseCurrents.All(meterA))], car, refusing));

            // Once: the building's load and the refusing charger at what it may hold. Twice (over, or a charger that
            // no longer reports): its real draw as well.
            var expectedA = baseA + heldA + (over || !reports ? refusingA : 0);
            var estimatedA = result.NodeUncontrolledA[0];
            for (var p = 0; p < 3; p++)
            {
                Assert.True(
                    Math.Abs(estimatedA[p] - expectedA) < 1e-6,
                    $"round {round} (over {over}, reports {reports}): the load nobody controls was {estimatedA[p]:0.00} A on L{p + 1}, expected {expectedA:0.00} A (base {baseA:0.00}, held {heldA}, drawn {refusingA:0.00})");
            }
        }
    }
}
