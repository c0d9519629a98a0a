using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Property 6 with property 2 (docs/control-loop.md, "A car's phases from a probe"): on sites where every OCPP charger reports
/// one current without a phase, the loop places cars by probing them through the grid meter — and never counts a car on fewer
/// phases than it draws on, nor keeps a verdict for the next car or while the grid meter is unknown, nor lets the cars overload the site.
/// </summary>
public sealed class PhaseProbeTests
{
    public static TheoryData<int, double> Sites => new() { { 68, 1 }, { 64, 2 }, { 63, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Probes_place_cars_on_the_phases_they_draw_on_and_on_no_fewer(int seed, double deadTimeS)
    {
        // Room for cars above their minimum (a probe cuts a car by 4–6 A, never under it), and chargers that tell nothing of
        // their cars' phases: one current without a phase, no energy register. Every charger answers and takes its limits: one
        // that refuses or leaves unanswered its cut when the base load steps overloads as the envelope allows (docs/control-loop-sessions.md,
        // Session 34), whatever placed the cars — UnconfirmedLimitTests hold
        // those; PhaseProbeStepsTests a probe's refused cut.
        var recipe = RandomRecipes.Phaseless(seed, deadTimeS);
        await using var site = await ClosedLoopSite.StartAsync(recipe);
        var placed = new List<string>();
        var wrong = new List<string>();
        var keptInFallback = new List<string>();
        var count = site.Site.Physics.Connectors.Count;
        var placedCar = new SimCar?[count];
        var otherCarSince = new DateTimeOffset?[count];
        site.Observer = s =>
        {
            var now = s.Time.GetUtcNow();
            var fallback = s.Loop.Latest?.Grid is { Fallback: true };
            var connectors = s.Loop.Connectors;
            for (var i = 0; i < connectors.Count; i++)
            {
                var probed = connectors[i].Car.ProbedPhaseMask;
                var physical = s.Site.Physics.Connectors.Single(c => c.ChargerId == connectors[i].ChargerId && c.ConnectorId == connectors[i].ConnectorId);
                if (probed == 0)
                {
                    (placedCar[i], otherCarSince[i]) = (null, null);
                    continue;
                }

                if (fallback)
                {
                    keptInFallback.Add($"{physical.ChargerId} at {now:HH:mm:ss}");
                }

                if (placedCar[i] is null)
                {
                    placedCar[i] = physical.Car;
                    placed.Add($"{physical.ChargerId}: {physical.CarPhases}-phase car counted on mask {probed}");
                }

                // Every cycle while it stands: the car it was judged on draws on no phase it is not counted on (a one-phase car
                // on the charger's L1, IEC 61851-1) — and a verdict does not outlive its car by more than the loop's reads.
                var drawsOn = physical.CarPhases == 1 ? 0b001 : 0b111;
                if (physical.Car is not null && (drawsOn & ~probed) != 0 && physical.Car == placedCar[i])
                {
                    wrong.Add($"{physical.ChargerId} at {now:HH:mm:ss}: {physical.CarPhases}-phase car counted on mask {probed}");
                }

                otherCarSince[i] = physical.Car == placedCar[i] ? null : otherCarSince[i] ?? now;
                if (otherCarSince[i] is { } since && now - since > TimeSpan.FromSeconds(3))
                {
                    wrong.Add($"{physical.ChargerId} at {now:HH:mm:ss}: a verdict kept for the car after the one it was judged on");
                }
            }
        };

        await site.RunAsync(RealSiteRun.Duration);
        var f = site.Figures();

        Assert.True(site.FailedCycles == 0, $"{site.FailedCycles} cycles failed, the last with {site.LastCycleError}");
        Assert.True(placed.Count > 0, "no probe placed a car: the test proves nothing");
        Assert.True(wrong.Count == 0, $"counted on fewer phases than drawn on: {string.Join("; ", wrong.Take(5))}");
        Assert.True(keptInFallback.Count == 0, $"a probe's verdict kept while the grid meter was unknown: {string.Join("; ", keptInFallback.Take(5))}");
        Assert.True(f.MaxOverloadA <= 1, $"car-caused overload {f.MaxOverloadA:0.0} A: {f}");
    }
}
