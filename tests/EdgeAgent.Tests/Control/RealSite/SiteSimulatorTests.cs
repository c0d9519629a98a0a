using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>The simulator itself: cars follow as a pure delay, and the score sees what an uncontrolled site does.</summary>
public sealed class SiteSimulatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_car_follows_the_offer_after_its_dead_time_as_a_pure_delay_and_stops_under_6_A()
    {
        var car = new SimCar(3, 16, TimeSpan.FromSeconds(2));
        car.Offer(T0, 32);
        car.Step(T0 + TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, car.DrawA);
        car.Step(T0 + TimeSpan.FromSeconds(2));
        Assert.Equal(16, car.DrawA); // never above its own maximum

        car.Offer(T0 + TimeSpan.FromSeconds(3), 10);
        car.Offer(T0 + TimeSpan.FromSeconds(4), 5);
        car.Step(T0 + TimeSpan.FromSeconds(4.9));
        Assert.Equal(16, car.DrawA); // still the offer of 2.9 s ago
        car.Step(T0 + TimeSpan.FromSeconds(5.5));
        Assert.Equal(10, car.DrawA); // the offer of 3 s, not a blend
        car.Step(T0 + TimeSpan.FromSeconds(6));
        Assert.Equal(0, car.DrawA);
    }

    [Fact]
    public void A_full_car_draws_nothing_while_plugged_in_and_a_tapering_one_less_over_time()
    {
        var tapering = new SimCar(1, 32, TimeSpan.FromSeconds(1)) { TaperFrom = T0, TaperAPerMinute = 2 };
        tapering.Offer(T0, 32);
        tapering.Step(T0 + TimeSpan.FromMinutes(5));
        Assert.Equal(22, tapering.DrawA, 6);

        tapering.Full = true;
        tapering.Step(T0 + TimeSpan.FromMinutes(6));
        Assert.Equal(0, tapering.DrawA);
    }

    [Fact]
    public void The_score_sees_the_overload_of_cars_that_nobody_controls()
    {
        var site = SiteBuilder.Build(new SiteRecipe { Connectors = 40, Occupancy = 1, TaperingShare = 0 }, T0);
        var score = new SiteScore(site, T0);
        foreach (var connector in site.Physics.Connectors)
        {
            connector.Enforce(T0, 32);
        }

        for (var now = T0; now < T0 + TimeSpan.FromMinutes(2); now += ClosedLoopSite.PhysicsStep)
        {
            site.Physics.Step(now, ClosedLoopSite.PhysicsStep);
            site.Timeline.RunDue(now);
            score.Observe(now, ClosedLoopSite.PhysicsStep);
        }

        var f = score.Figures();
        Assert.True(f.MaxOverloadA > 50, f.ToString());
        Assert.Equal(1, f.Rises);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_run()
    {
        static async Task<string> RunAsync()
        {
            await using var site = await ClosedLoopSite.StartAsync(new SiteRecipe { Seed = 5, GridMeterFault = MeterFault.Frozen, FaultAt = TimeSpan.FromSeconds(40) });
            await site.RunAsync(TimeSpan.FromSeconds(75));
            return site.Figures().ToString();
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task A_charger_that_reports_its_current_without_a_phase_is_seen_as_the_driver_sees_it()
    {
        // The OCPP driver puts a Current.Import without a phase on every phase and marks the phases
        // unknown (src/Drivers/Ocpp/V16/OcppSampleReader.cs); on L1 alone, a 3-phase car looked 1-phase.
        var recipe = new SiteRecipe { Seed = 7, Connectors = 20, OcppShare = 1, NoPhaseShare = 1, SlowMeterValuesShare = 0 };
        await using var site = await ClosedLoopSite.StartAsync(recipe);
        await site.RunAsync(TimeSpan.FromSeconds(90));

        var seen = 0;
        foreach (var charger in site.Site.OcppChargers)
        {
            var status = await charger.ReadStatusAsync(CancellationToken.None);
            foreach (var connector in status.Connectors.Where(c => c.CurrentA.Max > 0))
            {
                Assert.False(connector.PhasesKnown);
                Assert.Equal(connector.CurrentA.L1, connector.CurrentA.L2);
                Assert.Equal(connector.CurrentA.L1, connector.CurrentA.L3);
                seen++;
            }
        }

        Assert.True(seen > 0, "no car was drawing");
    }
}
