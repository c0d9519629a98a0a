using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A cut the site did not need (a fairer share: no phase the car loads is over, counted or read, and no order holds it) that its
/// charger refused, or left unanswered, leaves the site as safe as it was: the charger keeps the limit it confirmed before, which
/// the plan counted (or took the cut unanswered). It is counted at both and sent again — not made stale and sent its failsafe,
/// which, counted on every wired phase, cut the others and then its own car to 6 A (the real-timing e2e's CP4, which takes one
/// profile in two, and CP6, which leaves one call in four unanswered; docs/control-loop.md, "Failsafes";
/// docs/control-loop-sessions.md, Sessions 38 and 39).
/// A cut the site needs — a phase counted or read over, a meter unknown, an order — not taken is stale as ever.
/// </summary>
public sealed class CutNobodyNeededTests
{
    private const string Refusing = "CP003";
    private const string Other = "CP004";
    private const double FailsafeA = 6;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // left unanswered until the send timed out (Session 39)
    public async Task A_fairer_share_its_charger_refused_keeps_its_car_where_it_was_and_goes_again_until_taken(bool unanswered)
    {
        var (harness, wrapped) = await StartAsync();
        await using var _ = harness;

        // The other car capped at 6 A by hand; the refusing charger's car has the rest, up to its 16 A.
        harness.ManualLimits.Set(new ManualLimit(Other, null, 6, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var before = Connector(harness, Refusing);
        Assert.True(before is { Confirmed: true, LimitA: > 12 }, $"the refusing charger's car before: {before}");
        var beforeA = before.LimitA!.Value;

        // The cap is lifted: the fair share lowers the refusing charger's car, which refuses that cut once.
        wrapped.Charger!.RefuseCutsBelow(beforeA, times: 1, unanswered);
        Assert.NotNull(harness.ManualLimits.Clear(Other, null));
        var reasons = new List<string?>();
        var overA = 0.0;
        await harness.RunAsync(TimeSpan.FromSeconds(30), h =>
        {
            reasons.Add(Connector(h, Refusing).Reason);
            overA = Math.Max(overA, GridOverA(h));
        });

        var sent = wrapped.Charger.Sent;
        Assert.True(sent.Count >= 2, $"{sent.Count} limits reached the refusing charger");
        Assert.True(sent[0].LimitA < beforeA && sent[0].LimitA > FailsafeA, $"the first cut: {sent[0].LimitA} A");
        Assert.All(sent, s => Assert.True(s.LimitA > FailsafeA, $"{s.LimitA} A sent at {s.At:HH:mm:ss.f}: the failsafe after a cut nobody needed"));
        Assert.DoesNotContain("staleData", reasons);
        var after = Connector(harness, Refusing);
        Assert.True(after is { Confirmed: true } && after.LimitA < beforeA, $"the cut was never taken: {after}");
        Assert.True(Connector(harness, Other).LimitA > 6, $"the other car was never raised: {Connector(harness, Other)}");
        Assert.True(overA <= 0.5, $"the grid drew {overA:0.0} A over its limit");
    }

    [Theory]
    [InlineData(12, true, SetpointOutcome.Rejected, true)]
    [InlineData(12, false, SetpointOutcome.Rejected, false)] // refused: the charger answered, and holds the 16 A it confirmed
    [InlineData(12, false, SetpointOutcome.Failed, false)] // timed out: it holds either, both counted; silence is judged by its reads
    [InlineData(12, true, SetpointOutcome.Failed, true)]
    [InlineData(6.6, false, SetpointOutcome.Rejected, false)] // a probe's cut may come this near the failsafe (Session 38)
    public void A_cut_its_charger_did_not_take_is_stale_unless_nobody_needed_it_and_the_charger_refused_it_or_left_it_unanswered(double cutA, bool needed, SetpointOutcome outcome, bool stale)
    {
        var t = DemoConnector.Now.AddSeconds(-10);
        var connector = DemoConnector.WithLimit(16, t.AddMinutes(-5));
        connector.Runtime.CompleteSend(connector.Runtime.TryBeginSend(cutA, t, needed: needed)!.Sent, outcome, t.AddSeconds(1));

        var counted = connector.Input();
        Assert.Equal(stale, counted.IsStale);
        Assert.Equal(16, counted.CommittedA);
    }

    [Fact]
    public async Task A_cut_a_manual_limit_orders_that_its_charger_refused_makes_it_stale_and_it_is_sent_its_failsafe()
    {
        // An order's cut the charger refused is stale as ever. (On this site the cut also loads a phase counted over once the
        // refuser is counted at its held limit, so this does not isolate ControlLoop.Ordered: the test on a 200 A grid below does.)
        var (harness, wrapped) = await StartAsync();
        await using var _ = harness;
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var beforeA = Connector(harness, Refusing).LimitA!.Value;
        Assert.True(beforeA > 9, $"the refusing charger's car before: {Connector(harness, Refusing)}");

        wrapped.Charger!.RefuseCutsBelow(beforeA, times: 1);
        harness.ManualLimits.Set(new ManualLimit(Refusing, null, 8, harness.Time.GetUtcNow(), "test", null));
        var reasons = new List<string?>();
        await harness.RunAsync(TimeSpan.FromSeconds(10), h => reasons.Add(Connector(h, Refusing).Reason));

        Assert.Contains("staleData", reasons);
        Assert.Contains(wrapped.Charger.Sent.Skip(1), s => s.LimitA <= FailsafeA);
    }

    [Fact]
    public async Task A_cut_ordered_by_hand_is_one_the_site_needs_even_where_it_has_room_to_spare()
    {
        // On a grid of 200 A no phase comes near its limit, counted or read: only the manual limit makes the cut needed
        // (ControlLoop.Ordered). Refused, the charger is not doing what it was told: stale, and sent its failsafe.
        var (harness, wrapped) = await StartAsync(gridA: 200);
        await using var _ = harness;
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.True(Connector(harness, Refusing) is { Confirmed: true, LimitA: 16 }, $"before: {Connector(harness, Refusing)}");

        wrapped.Charger!.RefuseCutsBelow(16, times: 1);
        harness.ManualLimits.Set(new ManualLimit(Refusing, null, 8, harness.Time.GetUtcNow(), "test", null));
        var reasons = new List<string?>();
        var underA = double.PositiveInfinity;
        await harness.RunAsync(TimeSpan.FromSeconds(10), h =>
        {
            reasons.Add(Connector(h, Refusing).Reason);
            underA = Math.Min(underA, h.Loop.Latest!.Grid is { CurrentA: { } currentA, LimitA: var limitA } ? limitA - currentA.Max() : 0);
        });

        Assert.True(underA > 50, $"the grid came within {underA:0.0} A of its limit: the cut may have been needed for it");
        Assert.Contains("staleData", reasons);
        Assert.Contains(wrapped.Charger.Sent.Skip(1), s => s.LimitA <= FailsafeA);
    }

    [Fact]
    public void A_second_refusal_in_a_row_of_a_cut_nobody_needed_is_stale()
    {
        // A charger that refuses every cut would otherwise be left unstale while the profile it confirmed runs out.
        var t = DemoConnector.Now.AddSeconds(-10);
        var connector = DemoConnector.WithLimit(16, t.AddMinutes(-5));
        connector.Runtime.CompleteSend(connector.Runtime.TryBeginSend(12, t, needed: false)!.Sent, SetpointOutcome.Rejected, t.AddSeconds(1));
        Assert.False(connector.Input().IsStale);
        connector.Runtime.CompleteSend(connector.Runtime.TryBeginSend(12, t.AddSeconds(5), needed: false)!.Sent, SetpointOutcome.Rejected, t.AddSeconds(6));
        Assert.True(connector.Input().IsStale);
    }

    [Fact]
    public async Task A_charger_that_refuses_every_cut_nobody_needed_turns_stale_and_stays_so_while_it_refuses()
    {
        // The behaviour end to end; on this site the plan needs the cut by its second send (the refuser counted at its held
        // limit), so this does not tell the second-refusal rule from the need (the unit test above does).
        var (harness, wrapped) = await StartAsync();
        await using var _ = harness;
        harness.ManualLimits.Set(new ManualLimit(Other, null, 6, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var beforeA = Connector(harness, Refusing).LimitA!.Value;

        wrapped.Charger!.RefuseCutsBelow(beforeA);
        Assert.NotNull(harness.ManualLimits.Clear(Other, null));
        var reasons = new List<string?>();
        await harness.RunAsync(TimeSpan.FromSeconds(40), h => reasons.Add(Connector(h, Refusing).Reason));

        var staleFrom = reasons.IndexOf("staleData");
        Assert.True(staleFrom >= 0, $"never stale: {string.Join(", ", reasons.Distinct())}");
        Assert.All(reasons.Skip(staleFrom), r => Assert.Equal("staleData", r));
        Assert.Contains(wrapped.Charger.Sent, s => s.LimitA <= FailsafeA);
    }

    [Theory]
    [InlineData(70, false, false)] // under the grid's 80 A on every phase
    [InlineData(80, false, false)] // at it
    [InlineData(81, false, true)] // over it on L1, which the car loads
    [InlineData(70, true, true)] // the grid meter unknown: the fallback holds
    public void Every_cut_where_a_phase_the_car_loads_reads_over_its_limit_or_a_meter_is_unknown_is_one_the_site_needs(double l1A, bool gridStale, bool readsOver)
    {
        var connector = DemoConnector.WithLimit(16, DemoConnector.Now.AddMinutes(-5));
        var reading = new MeterReading(DemoConnector.Now, new PhaseValues(l1A, 50, 50), new PhaseValues(230, 230, 230), PhaseValues.Zero, 0, 0);
        var caps = Enumerable.Repeat(double.PositiveInfinity, connector.Model.Connectors.Count).ToArray();
        var snapshot = connector.Model.Snapshot(DemoConnector.Now, reading, gridStale, new SiteConstraints(), caps, new ControlLoopOptions());
        var result = new LoadAllocator(new FairShareStrategy()).Allocate(snapshot);

        Assert.Equal(readsOver, CountedOver.ReadsOverOrUnjudged(snapshot, result, connector.Model.IndexOf(DemoConnector.ChargerId, 1)!.Value));
    }

    [Fact]
    public void Every_cut_under_a_node_with_a_power_or_an_imbalance_limit_is_one_the_site_needs()
    {
        // The plan's per-phase headroom does not show those limits (CountedOver.Phases): a cut made for them is not judged unneeded.
        var connector = DemoConnector.WithLimit(16, DemoConnector.Now.AddMinutes(-5));
        var index = connector.Model.IndexOf(DemoConnector.ChargerId, 1)!.Value;
        var reading = new MeterReading(DemoConnector.Now, new PhaseValues(50, 50, 50), new PhaseValues(230, 230, 230), PhaseValues.Zero, 0, 0);
        var caps = Enumerable.Repeat(double.PositiveInfinity, connector.Model.Connectors.Count).ToArray();
        var snapshot = connector.Model.Snapshot(DemoConnector.Now, reading, false, new SiteConstraints(), caps, new ControlLoopOptions());
        var result = new LoadAllocator(new FairShareStrategy()).Allocate(snapshot);
        Assert.False(CountedOver.ReadsOverOrUnjudged(snapshot, result, index));

        var grid = snapshot.Nodes.ToArray().Select((n, k) => (n, k)).Single(p => p.n.ParentIndex < 0).k;
        foreach (var limited in new[] { snapshot.Nodes[grid] with { MaxImbalanceA = 20 }, snapshot.Nodes[grid] with { MaxPowerKw = 50 } })
        {
            var nodes = snapshot.Nodes.ToArray();
            nodes[grid] = limited;
            Assert.True(CountedOver.ReadsOverOrUnjudged(snapshot with { Nodes = nodes }, result, index));
        }
    }

    private static async Task<(SimulatedSiteHarness Harness, TwoCarSite.OneChargerWrapped<BackingOffCharger> Wrapped)> StartAsync(double gridA = 70)
    {
        TwoCarSite.OneChargerWrapped<BackingOffCharger>? wrapped = null;
        TimeProvider? time = null;
        var site = TwoCarSite.Configuration();

        // Room for about 11 A more than the load nobody controls at noon on a phase (30–38 A) and the margin: two cars share it.
        site = site with { Grid = site.Grid with { MaxCurrentA = gridA } };
        var harness = await SimulatedSiteHarness.StartAsync(site, TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Refusing, charger => new BackingOffCharger(charger, () => time!.GetUtcNow())));
        time = harness.Time;
        return (harness, wrapped!);
    }

    // How far the grid meter's busiest phase reads over the grid's limit (0 when under).
    private static double GridOverA(SimulatedSiteHarness harness) =>
        harness.Loop.Latest?.Grid is { CurrentA: { } currentA, LimitA: var limitA } ? Math.Max(0, currentA.Max() - limitA) : 0;

    private static ConnectorView Connector(SimulatedSiteHarness harness, string chargerId) => TwoCarSite.Connector(harness.Loop.Latest!, chargerId);
}
