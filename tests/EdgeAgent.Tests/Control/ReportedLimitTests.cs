using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Property 5: the limit a charger reports in force counts among the most its connector may draw (docs/control-loop-sessions.md,
/// Session 45, "The limit a charger reports"): a wallbox that acknowledged a cut it did not apply reads its old limit back.
/// </summary>
public sealed class ReportedLimitTests
{
    private static readonly DateTimeOffset Now = DemoConnector.Now;

    [Fact]
    public void A_cut_the_charger_acknowledged_but_reads_back_higher_counts_at_what_it_reads_back()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));

        // Cut to 8 A a minute ago, acknowledged; its car draws 6 A of its own accord, and the register still reads 16 A.
        connector.Send(8, Now.AddMinutes(-1));
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(-1), limitInForceA: 16);

        Assert.Equal(16, connector.Input().CommittedA);
    }

    [Fact]
    public void A_limit_read_back_as_sent_changes_nothing()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Send(8, Now.AddMinutes(-1));
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(-1), limitInForceA: 8);

        Assert.Equal(8, connector.Input().CommittedA);
    }

    [Fact]
    public void A_read_taken_right_after_the_send_may_predate_the_charger_applying_it()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));

        // Read a second after the cut was sent: the register may not show it yet, so it says nothing of the cut.
        connector.Send(8, Now.AddSeconds(-30));
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(-29), limitInForceA: 16);

        Assert.Equal(8, connector.Input().CommittedA);
    }

    [Fact]
    public void A_cut_not_yet_acknowledged_is_not_judged_by_the_drivers_own_book()
    {
        // The OCPP driver (and a Modbus template without a limit register) reports the last limit accepted: while the cut to 8 A
        // is unanswered it says 16 A — no charger's word, no alarm (it is counted at 16 A by its history all the same).
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        Assert.NotNull(connector.Runtime.TryBeginSend(8, Now.AddSeconds(-10)));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-1), limitInForceA: 16);

        Assert.Null(connector.Runtime.ReadBackAboveA);
        Assert.Equal(16, connector.Input().CommittedA);
    }

    [Fact]
    public void A_pause_is_not_judged_by_a_setpoint_register_the_charger_keeps_while_it_holds_its_car()
    {
        // Phoenix Contact's charge controllers keep the current setpoint while paused; the pause shows in state and draw.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Send(0, Now.AddMinutes(-1));
        connector.Report(PhaseValues.Zero, Now.AddSeconds(-1), limitInForceA: 16);

        Assert.Equal(0, connector.Input().CommittedA);
    }

    [Fact]
    public void A_cut_an_ocpp_charger_accepted_but_offers_its_car_above_counts_at_the_offer_until_a_newer_offer_proves_it()
    {
        var connector = CountedAtItsOffer();
        Assert.Equal(16, connector.Input().CommittedA);

        // Sent again (the OCPP keeper answers a same-valued limit from its record) and accepted a second later: the limit has been
        // accepted since a minute ago all the same, so an offer of 8 A sampled right after that answer proves it.
        connector.Send(8, Now.AddSeconds(-20));
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(-18), limitInForceA: 8, offeredA: 8);
        Assert.Null(connector.Runtime.ReadBackAboveA);
        Assert.Equal(8, connector.Input().CommittedA);
    }

    [Fact]
    public void A_connector_whose_car_left_is_offered_nothing_above_its_limit_whatever_its_last_offer_said()
    {
        // Counted at its 16 A offer, then sent 6 A (accepted); the car leaves (StatusNotification Available, no new meter value):
        // nothing is offered to anybody, so nothing counts above the limit — though its last offer predates the 6 A it accepted.
        var connector = CountedAtItsOffer();
        connector.Send(6, Now.AddSeconds(-20));

        connector.Notify(ConnectorState.Available, Now.AddSeconds(-5));
        ReportedLimit.Judge(connector.Runtime, new ControlLoopOptions().FreshReadingAge);
        Assert.Null(connector.Runtime.ReadBackAboveA);
    }

    // Cut to 8 A a minute ago and accepted (its book says 8 A); its meter value 30 s later offers the car 16 A (Current.Offered).
    private static DemoConnector CountedAtItsOffer()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Send(8, Now.AddMinutes(-1));
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(-30), limitInForceA: 8, offeredA: 16);
        Assert.Equal(16, connector.Runtime.ReadBackAboveA);
        return connector;
    }

    [Fact]
    public void A_pause_an_ocpp_charger_accepted_while_it_goes_on_offering_its_car_current_counts_at_the_offer()
    {
        // Unlike a setpoint register kept while paused, Current.Offered is what the car may take: 16 A offered after a pause
        // was accepted is a pause not in force. Once its car is held (SuspendedEVSE), nothing is offered above it.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Send(0, Now.AddMinutes(-1));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-30), offeredA: 16);
        Assert.Equal(16, connector.Runtime.ReadBackAboveA);

        connector.Runtime.Status = connector.Runtime.Status! with { State = ConnectorState.SuspendedByController };
        ReportedLimit.Judge(connector.Runtime, new ControlLoopOptions().FreshReadingAge);
        Assert.Null(connector.Runtime.ReadBackAboveA);
    }

    [Theory]
    [InlineData(-56, 16)] // sampled 3 s after the charger accepted the cut, under the 5 s a charger takes to apply one: changes nothing
    [InlineData(-30, 8.9)] // a whole ampere's rounding of the limit sent: the limit sent
    public void An_offer_sampled_before_the_charger_could_apply_the_limit_or_rounding_it_says_nothing_of_it(double sampledS, double offeredA)
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Send(8, Now.AddMinutes(-1));
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(sampledS), limitInForceA: 8, offeredA: offeredA);

        Assert.Null(connector.Runtime.ReadBackAboveA);
        Assert.Equal(8, connector.Input().CommittedA);
    }

    [Fact]
    public void A_meter_value_without_an_offer_leaves_the_last_offers_word_standing_for_two_minutes()
    {
        // The charger offered 16 A against a cut to 8 A; its next meter values carry currents and no Current.Offered (clock-aligned
        // data beside sampled data): the offer still stands 20 s on — the alarm does not flap — and after two minutes the driver's
        // book (the 8 A it accepted) judges again.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Send(8, Now.AddMinutes(-4));
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(-200), limitInForceA: 8, offeredA: 16);
        Assert.Equal(16, connector.Runtime.ReadBackAboveA);

        var offered = connector.Runtime.Status!.Offered;
        connector.Report(new PhaseValues(6, 6, 6), Now.AddSeconds(-180), limitInForceA: 8);
        connector.Runtime.Status = connector.Runtime.Status! with { Offered = offered };
        ReportedLimit.Judge(connector.Runtime, new ControlLoopOptions().FreshReadingAge);
        Assert.Equal(16, connector.Runtime.ReadBackAboveA);

        connector.Runtime.Status = connector.Runtime.Status with { Timestamp = Now, CurrentsMeasuredAt = Now };
        ReportedLimit.Judge(connector.Runtime, new ControlLoopOptions().FreshReadingAge);
        Assert.Null(connector.Runtime.ReadBackAboveA);
    }
}

/// <summary>
/// The loop with a wallbox that acknowledges a limit it does not apply: told once and sent its limit again (its count at what it
/// reads back is <see cref="ReportedLimitTests"/>'s: here its car's draw shows the same 16 A, so the loop could not tell the two).
/// </summary>
public sealed class ReadBackLoopTests
{
    private const string Ignoring = "CP003";

    [Fact]
    public async Task A_charger_that_reads_back_another_limit_is_told_once_and_sent_its_limit_again_until_it_takes_it()
    {
        var (harness, charger, events) = await IgnoringAManualLimitAsync(TwoCarSite.Configuration());
        await using var _ = harness;

        Assert.Equal(["charger.limit-not-applied"], events);
        Assert.True(charger.Ignored >= 3, $"the limit was written {charger.Ignored} times in 25 s while not applied: not sent again");

        // Its remote mode back: the next write takes, the register reads 8 A, and that is told.
        charger.Ignoring = false;
        await harness.RunAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(["charger.limit-not-applied", "charger.limit-applied"], events);
        Assert.Equal(8, TwoCarSite.Connector(harness.Loop.Latest!, Ignoring).LimitA);
    }

    [Fact]
    public async Task A_charger_that_offers_its_car_more_than_it_accepted_is_told_so_once_and_not_sent_its_limit_again()
    {
        // As an OCPP charger reports: its book says the 8 A it accepted, Current.Offered the 16 A it applies. Its driver answers a
        // same-valued limit from its record and refreshes the profile itself, so the loop's resend every 10 s would reach nobody.
        var messages = new List<string>();
        var (harness, charger, events) = await IgnoringAManualLimitAsync(TwoCarSite.Configuration(), messages, asOffer: true);
        await using var _ = harness;

        Assert.Equal(["charger.limit-not-applied"], events);
        Assert.Contains("offers its car 16 A (Current.Offered) after accepting 8 A", messages[0], StringComparison.Ordinal);
        Assert.Equal(1, charger.Ignored);
        Assert.True(harness.Loop.Latest!.Chargers.Single(c => c.Id == Ignoring).Connectors.Single().CurrentA.Max() >= 15.9, "its car came down");

        // It applies the next limit it is sent (the manual limit moved to 7 A): its offer says so, and that is told.
        charger.Ignoring = false;
        harness.ManualLimits.Set(new ManualLimit(Ignoring, null, 7, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(["charger.limit-not-applied", "charger.limit-applied"], events);
    }

    [Fact]
    public async Task A_charger_whose_other_connector_still_reads_back_another_limit_is_not_told_applied()
    {
        // Events name the charger, not the connector (docs/mqtt.md), and the fleet view pairs them by it: connector 2 taking its limit
        // again while connector 1 still ignores its own must not close the charger's alarm (the second review's F8).
        var site = TwoCarSite.Configuration();
        site = site with { Chargers = [.. site.Chargers.Select(c => c.Id == Ignoring ? c with { Connectors = 2 } : c)] };
        var (harness, charger, events) = await IgnoringAManualLimitAsync(site);
        await using var _ = harness;
        Assert.Equal(["charger.limit-not-applied", "charger.limit-not-applied"], events);

        charger.OnlyConnector = 1;
        await harness.RunAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(8, harness.Loop.Latest!.Chargers.Single(c => c.Id == Ignoring).Connectors.Single(c => c.Id == 2).LimitA);
        Assert.Equal(["charger.limit-not-applied", "charger.limit-not-applied"], events);

        charger.Ignoring = false;
        await harness.RunAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(["charger.limit-not-applied", "charger.limit-not-applied", "charger.limit-applied"], events);
    }

    // The site after a minute, then 25 s of an installer's manual limit of 8 A on the charger: acknowledged, never applied; its register
    // reads the 16 A its car still draws on. The charger's events from the manual limit on.
    private static async Task<(SimulatedSiteHarness Harness, WriteIgnoringCharger Charger, List<string> Events)> IgnoringAManualLimitAsync(
        ChargeNet.EdgeAgent.Configuration.SiteConfiguration site, List<string>? messages = null, bool asOffer = false)
    {
        TwoCarSite.OneChargerWrapped<WriteIgnoringCharger>? wrapped = null;
        var harness = await SimulatedSiteHarness.StartAsync(site, TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Ignoring, charger => new WriteIgnoringCharger(charger)));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var charger = wrapped!.Charger!;
        var events = new List<string>();
        harness.Events.Raised += e => { if (e.Source == Ignoring) { events.Add(e.Code); messages?.Add(e.Message); } };
        charger.ReportsAsOffer = asOffer;
        charger.Ignoring = true;
        harness.ManualLimits.Set(new ManualLimit(Ignoring, null, 8, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(25));
        return (harness, charger, events);
    }
}
