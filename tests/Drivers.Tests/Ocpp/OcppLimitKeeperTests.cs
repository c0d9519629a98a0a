using System.Text.Json;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Tests.ModbusDevices;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>How limits reach an OCPP charger: no dead-band, bounded validity, honest outcomes, no event spam.</summary>
public sealed class OcppLimitKeeperTests
{
    [Fact]
    public async Task Every_limit_is_sent_rounded_down_so_a_small_decrease_is_never_hidden()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);

        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None)).Outcome);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 15.79, CancellationToken.None)).Outcome);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 15.71, CancellationToken.None)).Outcome);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 15.6, CancellationToken.None)).Outcome);

        // 15.71 is 15.7 on the wire like 15.79: the same value in force is not sent twice; every change is.
        Assert.Equal([16m, 15.7m, 15.6m], cp.Profiles.Select(Limit));
        Assert.Equal(15.6, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().LimitA);
    }

    [Fact]
    public async Task A_profile_is_valid_for_ten_minutes_and_refreshed_every_200_s_so_a_silent_edge_lets_it_lapse()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        var start = cp.Time.GetUtcNow();
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        var first = Assert.Single(cp.Profiles).GetProperty("csChargingProfiles");
        Assert.Equal(start.AddMinutes(10), first.GetProperty("validTo").GetDateTimeOffset());

        cp.Time.Advance(TimeSpan.FromSeconds(199));
        Assert.Single(cp.Profiles);
        cp.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the limit is refreshed after 200 s");
        Assert.Equal(start.AddSeconds(200).AddMinutes(10), cp.Profiles[1].GetProperty("csChargingProfiles").GetProperty("validTo").GetDateTimeOffset());
        Assert.Equal(10m, Limit(cp.Profiles[1]));

        // The charger stops answering: the refreshes time out, and once validTo has passed no limit is claimed in force.
        cp.ProfileAnswer = null;
        for (var i = 0; i < 40 && cp.Time.GetUtcNow() < start.AddSeconds(200).AddMinutes(10); i++)
        {
            cp.Time.Advance(TimeSpan.FromSeconds(31));
            await Task.Yield();
        }

        await Eventually.TrueAsync(() => charger.ReadStatusAsync(CancellationToken.None).Result.Connectors.Single().LimitA is null, "the lapsed limit is no longer reported");
    }

    [Fact]
    public async Task The_validTo_of_the_limit_last_accepted_is_reported_and_kept_while_the_charger_refuses_the_limits_sent_since()
    {
        // A charger refusing every raise stays under the profile it accepted, which nobody refreshes: the control loop must
        // know when that lapses and the charger is back on its own default (docs/control-loop.md, "Failsafes", "a limit that lapses").
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        Assert.Null((await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().AcceptedLimitValidTo);
        var start = cp.Time.GetUtcNow();
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        Assert.Equal(start.AddMinutes(10), (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().AcceptedLimitValidTo);

        cp.ProfileAnswer = "Rejected";
        cp.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None)).Outcome);
        var refusing = (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single();
        Assert.Null(refusing.LimitA);
        Assert.Equal(start.AddMinutes(10), refusing.AcceptedLimitValidTo);

        cp.Time.Advance(TimeSpan.FromSeconds(30));
        cp.ProfileAnswer = "Accepted";
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 12, CancellationToken.None)).Outcome);
        Assert.Equal(12, cp.ChargePoint.Limits.Get(1)!.SentA);
        Assert.Equal(start.AddMinutes(11), (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().AcceptedLimitValidTo);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // a firmware whose Current.Offered says something else (offeredCurrentIsLimit false in site.json)
    public async Task What_the_charger_offers_is_reported_unless_its_settings_say_its_offer_is_no_limit(bool reportsOffered)
    {
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { ReportsOfferedCurrent = reportsOffered });
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await cp.ReportStatusAsync(1, "Charging");
        await cp.CallAsync("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T08:00:00Z\",\"sampledValue\":[{\"value\":\"32\",\"measurand\":\"Current.Offered\",\"unit\":\"A\"}]}]}");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).OfferedA == 32, "the meter values are applied");

        var offered = (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().Offered;
        Assert.Equal(reportsOffered ? 32 : null, offered?.CurrentA);
    }

    [Fact]
    public async Task After_an_edge_restart_no_limit_is_reported_until_the_charger_accepts_a_new_one()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);

        // The charger still offers what the previous run of the edge set; that is not a limit this edge confirmed.
        await cp.ReportStatusAsync(1, "Charging");
        await cp.CallAsync("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T08:00:00Z\",\"sampledValue\":[{\"value\":\"16\",\"measurand\":\"Current.Offered\",\"unit\":\"A\"}]}]}");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).OfferedA == 16, "the meter values are applied");
        var reported = (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single();
        Assert.Null(reported.LimitA);

        // What it offers is reported as its own word, apart from the book, with when it was sampled (the loop judges the two;
        // docs/control-loop-sessions.md, Session 47).
        Assert.Equal(16, reported.Offered?.CurrentA);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), reported.Offered?.SampledAt);

        cp.ProfileAnswer = "Rejected";
        await charger.SetCurrentLimitAsync(1, 8, CancellationToken.None);
        Assert.Null((await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().LimitA);
        Assert.Null(cp.ChargePoint.Limits.Get(1)!.ConfirmedA);

        cp.ProfileAnswer = "Accepted";
        await charger.SetCurrentLimitAsync(1, 7, CancellationToken.None);
        Assert.Equal(7, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().LimitA);
    }

    [Fact]
    public async Task A_rejecting_charger_raises_one_event_per_change_of_outcome_and_is_retried_with_backoff()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        cp.ProfileAnswer = "Rejected";

        for (var cycle = 0; cycle < 10; cycle++)
        {
            Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        }

        Assert.Single(cp.Profiles);
        Assert.Single(cp.Events.Events, e => e.Code == "ocpp.limit-not-applied");

        // Re-sent by the keeper itself after 5 s, then 10 s, then 20 s: still one event.
        await AdvanceUntilSentAsync(cp, TimeSpan.FromSeconds(5), 2);
        await AdvanceUntilSentAsync(cp, TimeSpan.FromSeconds(10), 3);
        await UntilTimerArmedAsync(cp);
        cp.Time.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(50);
        Assert.Equal(3, cp.Profiles.Count);
        await AdvanceUntilSentAsync(cp, TimeSpan.FromSeconds(1), 4);
        Assert.Single(cp.Events.Events, e => e.Code == "ocpp.limit-not-applied");

        // A lower limit is a decrease the site may need now: it goes out at once, back-off or not.
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None)).Outcome);
        Assert.Equal(6m, Limit(cp.Profiles[^1]));

        // That was the fifth refusal in a row: the next try is 80 s later.
        cp.ProfileAnswer = "Accepted";
        await UntilTimerArmedAsync(cp);
        cp.Time.Advance(TimeSpan.FromSeconds(79));
        await Task.Delay(50);
        Assert.Equal(5, cp.Profiles.Count);
        await AdvanceUntilSentAsync(cp, TimeSpan.FromSeconds(1), 6);
        await Eventually.TrueAsync(() => cp.Events.Events.Any(e => e.Code == "ocpp.limit-applied"), "the recovery is reported once");
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None)).Outcome);
        Assert.Single(cp.Events.Events, e => e.Code == "ocpp.limit-not-applied");
    }

    [Fact]
    public async Task The_charger_is_told_applied_again_only_once_no_connector_of_it_is_left_not_applied()
    {
        // Events name the charger, and the fleet view pairs "not applied" and "applied" by it (docs/mqtt.md): connector 2 taking a
        // limit again while connector 1's is still refused must not close the charger's alarm (the second review's F8).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        cp.ProfileAnswer = "Rejected";
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(2, 10, CancellationToken.None)).Outcome);
        Assert.Equal(2, cp.Events.Events.Count(e => e.Code == "ocpp.limit-not-applied"));

        // Cuts go out whatever the back-off: connector 2 takes its own, connector 1 still refuses.
        cp.ProfileAnswer = "Accepted";
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(2, 8, CancellationToken.None)).Outcome);
        Assert.DoesNotContain(cp.Events.Events, e => e.Code == "ocpp.limit-applied");

        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 8, CancellationToken.None)).Outcome);
        await Eventually.TrueAsync(() => cp.Events.Events.Any(e => e.Code == "ocpp.limit-applied"), "the charger's recovery is told");
        Assert.Single(cp.Events.Events, e => e.Code == "ocpp.limit-applied");
    }

    [Fact]
    public async Task The_charger_is_told_applied_again_when_the_last_connector_not_applied_is_no_longer_kept()
    {
        // Connector 2 recovered while connector 1 was still refused (no "applied": the alarm is the charger's); connector 1's limit is
        // then cleared. Nothing is left not applied, so the alarm closes (Session 46's review).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        cp.ProfileAnswer = "Rejected";
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        await charger.SetCurrentLimitAsync(2, 10, CancellationToken.None);
        cp.ProfileAnswer = "Accepted";
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(2, 8, CancellationToken.None)).Outcome);
        Assert.DoesNotContain(cp.Events.Events, e => e.Code == "ocpp.limit-applied");

        await cp.ChargePoint.Limits.ForgetAsync(1, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Events.Events.Any(e => e.Code == "ocpp.limit-applied"), "the charger's alarm is closed");
        Assert.Single(cp.Events.Events, e => e.Code == "ocpp.limit-applied");
    }

    [Fact]
    public async Task With_a_cut_retry_a_refused_cut_goes_again_a_second_after_its_send_while_a_refused_raise_waits_out_the_back_off()
    {
        // A charger that refuses the cut of a step leaves its car drawing over the fuse until the cut is sent again; the 5 s
        // back-off is for raises (docs/control-loop-sessions.md, Session 16, "Refused cuts").
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { LimitCutRetry = TimeSpan.FromSeconds(1) });
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        cp.ProfileAnswer = "Rejected";
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None)).Outcome);
        cp.Time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None)).Outcome);
        Assert.Equal(2, cp.Profiles.Count); // at most once a second

        cp.Time.Advance(TimeSpan.FromSeconds(0.1));
        cp.ProfileAnswer = "Accepted";
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None)).Outcome);
        Assert.Equal([16m, 0m, 0m], cp.Profiles.Select(Limit));

        // 0 A in force: a start to 10 A refused is not sent again by the loop's asks; the keeper's own retry sends it after 5 s.
        cp.ProfileAnswer = "Rejected";
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        cp.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        cp.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        Assert.Equal(4, cp.Profiles.Count);
        cp.ProfileAnswer = "Accepted";
        await AdvanceUntilSentAsync(cp, TimeSpan.FromSeconds(1), 5);
        Assert.Equal(10m, Limit(cp.Profiles[^1]));
    }

    [Fact]
    public async Task By_default_a_refused_cut_waits_out_the_back_off_like_a_raise()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        cp.ProfileAnswer = "Rejected";
        await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None);
        cp.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None)).Outcome);
        Assert.Equal(2, cp.Profiles.Count);
    }

    [Fact]
    public async Task A_refused_cut_needed_now_goes_again_at_once_while_a_refused_raise_needed_now_waits_out_the_back_off()
    {
        // A phase counted over cannot wait 5, 10, 20 … s for a cut; a raise is never needed (docs/control-loop-sessions.md, Session 19).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        cp.ProfileAnswer = "Rejected";
        await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None);
        cp.Time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True((await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None)).NotSent);
        cp.ProfileAnswer = "Accepted";
        var needed = await charger.SetNeededLimitAsync(1, 0, CancellationToken.None);
        Assert.Equal((SetpointOutcome.Accepted, false), (needed.Outcome, needed.NotSent));

        cp.ProfileAnswer = "Rejected";
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        cp.Time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True((await charger.SetNeededLimitAsync(1, 10, CancellationToken.None)).NotSent);
        Assert.Equal([16m, 0m, 0m, 10m], cp.Profiles.Select(Limit));
    }

    [Fact]
    public async Task A_limit_asked_past_the_back_off_goes_again_at_once_a_raise_as_well_as_a_cut()
    {
        // A probe of a car's phases holds every other limit on the site while it waits on its car's (docs/control-loop-sessions.md, Session 37).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        cp.ProfileAnswer = "Rejected";
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        cp.Time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True((await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None)).NotSent);
        Assert.True((await charger.SetNeededLimitAsync(1, 16, CancellationToken.None)).NotSent);

        cp.ProfileAnswer = "Accepted";
        var raise = await charger.SetLimitPastBackOffAsync(1, 16, CancellationToken.None);
        Assert.Equal((SetpointOutcome.Accepted, false), (raise.Outcome, raise.NotSent));

        cp.ProfileAnswer = "Rejected";
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        cp.Time.Advance(TimeSpan.FromSeconds(0.5));
        cp.ProfileAnswer = "Accepted";
        var cut = await charger.SetLimitPastBackOffAsync(1, 10, CancellationToken.None);
        Assert.Equal((SetpointOutcome.Accepted, false), (cut.Outcome, cut.NotSent));

        // The same value on the wire in force is not sent again, past the back-off or not.
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetLimitPastBackOffAsync(1, 10, CancellationToken.None)).Outcome);
        Assert.Equal([10m, 16m, 16m, 10m, 10m], cp.Profiles.Select(Limit));
    }

    [Fact]
    public async Task A_limit_held_during_the_back_off_is_answered_as_not_sent_so_the_loop_counts_the_refusal_once()
    {
        // The loop asks again each cycle; the keeper answers those asks from the refusal without a send. Told apart from the
        // charger's own answer, they are not new refusals nor limits that may be in force (docs/control-loop-sessions.md, Session 18).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        cp.ProfileAnswer = "Rejected";
        var refused = await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None);
        cp.Time.Advance(TimeSpan.FromSeconds(1));
        var held = await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None);

        Assert.Equal((SetpointOutcome.Rejected, false), (refused.Outcome, refused.NotSent));
        Assert.Equal((SetpointOutcome.Rejected, true), (held.Outcome, held.NotSent));
        Assert.Equal([16m, 0m], cp.Profiles.Select(Limit));
    }

    [Fact]
    public async Task A_set_that_waited_behind_the_keepers_own_retry_of_the_same_limit_does_not_send_it_again()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        cp.ProfileAnswer = "Rejected";
        Assert.Equal(SetpointOutcome.Rejected, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);

        // The keeper retries after 5 s and the charger takes its time to answer; meanwhile the loop asks for the same
        // limit again (a raise not taken is asked for each cycle), and its send waits for the retry's answer.
        cp.HoldProfileAnswers = true;
        await AdvanceUntilSentAsync(cp, TimeSpan.FromSeconds(5), 2);
        var asked = charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        cp.HoldProfileAnswers = false;
        cp.ProfileAnswer = "Accepted";
        cp.AnswerHeld("Accepted");

        // Before session 11 it went out a second time: a charger answering one profile in two (physics-site.js CP4)
        // rejected it, and its limit stayed "not applied" for good (the end-to-end RealTimingEndToEndTests).
        Assert.Equal(SetpointOutcome.Accepted, (await asked).Outcome);
        Assert.Equal(2, cp.Profiles.Count);
    }

    [Fact]
    public async Task A_charger_that_is_not_connected_fails_honestly_without_an_event_and_gets_its_limit_on_reconnect()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        for (var cycle = 0; cycle < 5; cycle++)
        {
            Assert.Equal(SetpointOutcome.Failed, (await charger.SetCurrentLimitAsync(1, 12, CancellationToken.None)).Outcome);
        }

        Assert.DoesNotContain(cp.Events.Events, e => e.Code == "ocpp.limit-not-applied");
        await cp.ConnectAndBootAsync();
        await Eventually.TrueAsync(() => cp.ChargePoint.Limits.Get(1)?.InForceA == 12, "the limit goes out after the boot");
        Assert.Equal(12m, Limit(Assert.Single(cp.Profiles)));
    }

    [Fact]
    public async Task A_charger_that_does_not_answer_fails_and_the_limit_counts_as_not_in_force()
    {
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings());
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        cp.ProfileAnswer = null;
        var pending = charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the decrease is sent");
        cp.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(SetpointOutcome.Failed, (await pending).Outcome);
        var record = cp.ChargePoint.Limits.Get(1)!;
        Assert.Null(record.InForceA);
        Assert.Equal((16.0, 6.0), (record.ConfirmedA, record.SentA));
        Assert.Single(cp.Events.Events, e => e.Code == "ocpp.limit-not-applied");
    }

    [Fact]
    public async Task A_limit_waiting_behind_an_unanswered_call_to_the_charger_is_reported_queued_until_it_is_sent()
    {
        // OCPP sends one call at a time per charge point: a cut for connector 2 waits while connector 1's profile is
        // unanswered, and the control loop must not count it as on its way (docs/control-loop-sessions.md, Session 14).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        cp.ProfileAnswer = null;
        using var first = new CancellationTokenSource();
        var unanswered = charger.SetCurrentLimitAsync(1, 10, first.Token);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 1, "the first profile is sent");
        Assert.False(charger.IsLimitQueued(1));

        cp.ProfileAnswer = "Accepted";
        var cut = charger.SetCurrentLimitAsync(2, 6, CancellationToken.None);
        Assert.True(charger.IsLimitQueued(2));
        Assert.Single(cp.Profiles);

        // The first call ends (the loop's write timeout cancels it): the cut goes out and is no longer queued.
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unanswered);
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        Assert.False(charger.IsLimitQueued(2));
        Assert.Equal(6m, Limit(cp.Profiles[^1]));
    }

    [Fact]
    public async Task A_cut_back_to_the_accepted_limit_while_a_raise_waits_its_turn_is_sent_after_it()
    {
        // Connector 1 holds 6 A; its raise to 16 A waits behind connector 2's unanswered profile, and the loop cuts it back to 6 A
        // meanwhile. Answered from the record ("6 A accepted"), the cut would be lost behind the raise the charger then takes.
        await using var cp = await FakeChargePoint.StartAsync();
        var (charger, other) = await HeldBehindAnUnansweredCallAsync(cp);
        var raise = charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        var cut = charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        Assert.False(cut.IsCompleted, "the cut waits for its turn behind the raise");

        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        await Task.WhenAll(other, raise, cut);
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        Assert.Equal(6m, Limit(cp.Profiles[^1]));
        Assert.Equal(6, cp.ChargePoint.Limits.Get(1)!.InForceA);
    }

    [Fact]
    public async Task A_raise_given_up_while_it_waited_its_turn_is_not_sent_later_by_the_keepers_refresh_or_resend()
    {
        // Connector 1 holds 6 A; its raise to 16 A waits behind connector 2's unanswered profile and the control loop gives it up (a
        // decrease is on its way elsewhere: property 8). It never reached the charger, so the keeper's refresh of connector 1 and
        // its resend after a reconnect must carry the 6 A still asked for, not the withdrawn 16 A (docs/ocpp.md, "A call given up").
        await using var cp = await FakeChargePoint.StartAsync();
        var (charger, other) = await HeldBehindAnUnansweredCallAsync(cp);
        using var giveUp = new CancellationTokenSource();
        var raise = charger.SetCurrentLimitAsync(1, 16, giveUp.Token);
        Assert.True(charger.IsLimitQueued(1));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => raise);
        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        await other;
        Assert.Equal(2, cp.Profiles.Count);
        var kept = cp.ChargePoint.Limits.Get(1)!;
        Assert.Equal((6.0, 6.0), (kept.RequestedA, kept.InForceA!.Value));

        // The refresh (every 200 s) sends what is asked for.
        await Eventually.TrueAsync(() => cp.ChargePoint.Limits.TimerDueAt is not null, "the keeper arms its refresh");
        cp.Time.Advance(TimeSpan.FromSeconds(200));
        await Eventually.TrueAsync(() => cp.Profiles.Count(p => ConnectorOf(p) == 1) == 2, "connector 1's limit is refreshed");
        Assert.Equal(6m, Limit(cp.Profiles.Last(p => ConnectorOf(p) == 1)));

        // So does the resend after a reconnect.
        var before = cp.Profiles.Count;
        await cp.ChargePoint.Limits.ResendAllAsync(CancellationToken.None);
        Assert.Equal(6m, Limit(cp.Profiles.Skip(before).Single(p => ConnectorOf(p) == 1)));
    }

    [Theory]
    [InlineData(16, 10)]
    [InlineData(6, 10)]
    public async Task A_limit_asked_again_while_the_same_value_waited_stays_asked_for_when_the_earlier_one_is_given_up(double heldA, double askedA)
    {
        // The loop's cut to 10 A waits its turn past DecreaseAnswerWait; it asks 10 A again and gives the older send up. The older
        // one's give-up must not put back the 16 A asked before it: the keeper's refresh and resend would then raise the charger to
        // 16 A while the loop counts 10 A (Session 46's review). Nor, for a raise asked twice, the 6 A before it.
        await using var cp = await FakeChargePoint.StartAsync();
        var (charger, other) = await HeldBehindAnUnansweredCallAsync(cp, connector1A: heldA);
        using var giveUp = new CancellationTokenSource();
        var older = charger.SetCurrentLimitAsync(1, askedA, giveUp.Token);
        var newer = charger.SetCurrentLimitAsync(1, askedA, CancellationToken.None);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => older);
        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        await other;
        Assert.Equal(SetpointOutcome.Accepted, (await newer).Outcome);
        Assert.Equal(askedA, cp.ChargePoint.Limits.Get(1)!.RequestedA);

        var before = cp.Profiles.Count;
        await cp.ChargePoint.Limits.ResendAllAsync(CancellationToken.None);
        Assert.Equal((decimal)askedA, Limit(cp.Profiles.Skip(before).Single(p => ConnectorOf(p) == 1)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Raises_given_up_in_either_order_leave_the_limit_that_went_out_asked_for(bool olderFirst)
    {
        await using var cp = await FakeChargePoint.StartAsync();
        var (charger, other) = await HeldBehindAnUnansweredCallAsync(cp);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var to16 = charger.SetCurrentLimitAsync(1, 16, first.Token);
        var to20 = charger.SetCurrentLimitAsync(1, 20, second.Token);
        foreach (var (giveUp, raise) in olderFirst ? new[] { (first, to16), (second, to20) } : [(second, to20), (first, to16)])
        {
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => raise);
        }

        Assert.Equal(6.0, cp.ChargePoint.Limits.Get(1)!.RequestedA);
        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        await other;
    }

    [Fact]
    public async Task A_cut_given_up_before_it_was_sent_stays_asked_for()
    {
        // Unlike a raise, a cut is safe to send at any time: the keeper's own sends carry it rather than the 16 A before it.
        await using var cp = await FakeChargePoint.StartAsync();
        var (charger, other) = await HeldBehindAnUnansweredCallAsync(cp, connector1A: 16);
        using var giveUp = new CancellationTokenSource();
        var cut = charger.SetCurrentLimitAsync(1, 10, giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cut);
        Assert.Equal(10.0, cp.ChargePoint.Limits.Get(1)!.RequestedA);
        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        await other;
    }

    [Fact]
    public async Task A_raise_given_up_while_it_waited_on_the_connection_behind_another_call_is_withdrawn()
    {
        // The limit holds the keeper's gate but waits on the connection behind a trigger the charger is slow to answer: not sent.
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        cp.HoldTriggerAnswers = true;
        var report = charger.RequestMeterValuesAsync(1, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Calls.Any(c => c.Action == "TriggerMessage"), "the trigger is sent");
        using var giveUp = new CancellationTokenSource();
        var raise = charger.SetCurrentLimitAsync(1, 16, giveUp.Token);
        Assert.True(charger.IsLimitQueued(1));

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => raise);
        cp.AnswerHeld("Accepted");
        await report;
        Assert.Single(cp.Profiles);
        Assert.Equal(6.0, cp.ChargePoint.Limits.Get(1)!.RequestedA);
    }

    [Fact]
    public async Task A_first_limit_given_up_before_it_was_sent_leaves_nothing_for_the_keeper_to_send()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        cp.HoldProfileAnswers = true;
        var other = charger.SetCurrentLimitAsync(2, 10, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 1, "connector 2's profile is sent");
        using var giveUp = new CancellationTokenSource();
        var first = charger.SetCurrentLimitAsync(1, 16, giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        await other;

        Assert.Null(cp.ChargePoint.Limits.Get(1));
        await cp.ChargePoint.Limits.ResendAllAsync(CancellationToken.None);
        Assert.DoesNotContain(cp.Profiles, p => ConnectorOf(p) == 1);
    }

    [Fact]
    public async Task A_call_given_up_lets_the_next_go_at_once_and_its_late_answer_changes_nothing()
    {
        // OCPP-J 1.6 section 4.1.1: a new CALL may go once the earlier ones are answered or timed out. The control loop gives
        // up a decrease left unanswered (its token), and the driver treats that call as timed out (docs/control-loop-sessions.md, Session 15).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        cp.HoldProfileAnswers = true;
        using var giveUp = new CancellationTokenSource();
        var unanswered = charger.SetCurrentLimitAsync(1, 10, giveUp.Token);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the decrease is sent");

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unanswered);
        var resend = charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 3, "the next call goes with no time passed, not behind the given-up one");
        Assert.False(charger.IsLimitQueued(1));

        // The charger accepts the given-up 10 A late, while the 6 A is unanswered: a reply nobody waits for, logged at debug.
        cp.AnswerHeld("Accepted", 1);
        await Eventually.TrueAsync(() => cp.Logs.Entries.Any(e => e.Message.Contains("reply for unknown or expired message id", StringComparison.Ordinal)), "the late reply is read");
        Assert.All(cp.Logs.Entries.Where(e => e.Message.Contains("message id", StringComparison.Ordinal)), e => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, e.Level));
        var record = cp.ChargePoint.Limits.Get(1)!;
        Assert.Equal((16.0, 16.0), (record.ConfirmedA, record.SentA));
        Assert.Null(record.InForceA); // the given-up 10 A may be in force: the 16 A accepted before no longer vouches
        Assert.False(resend.IsCompleted);
        Assert.True(cp.ChargePoint.IsConnected);
        Assert.DoesNotContain(cp.Events.Events, e => e.Code.StartsWith("ocpp.limit", StringComparison.Ordinal));

        // The 6 A call's own answer is the one that counts.
        cp.AnswerHeld("Accepted");
        Assert.Equal(SetpointOutcome.Accepted, (await resend).Outcome);
        Assert.Equal(6.0, cp.ChargePoint.Limits.Get(1)!.InForceA);
    }

    [Fact]
    public async Task After_a_call_given_up_the_limit_accepted_before_is_sent_again_when_asked_not_answered_from_the_record()
    {
        // 6 A accepted; a raise to 16 A is given up unanswered, and the charger applies it after all. Asked for 6 A again, the
        // driver must send it: answered from its record ("6 A accepted"), the charger would keep 16 A while the control loop
        // counts 6 A (docs/ocpp.md, "A call given up"; docs/control-loop-sessions.md, Session 16, "One give-up").
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        cp.HoldProfileAnswers = true;
        using var giveUp = new CancellationTokenSource();
        var raise = charger.SetCurrentLimitAsync(1, 16, giveUp.Token);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the raise is sent");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => raise);
        cp.AnswerHeld("Accepted", 1);

        var back = charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 3, "the 6 A goes to the charger again");
        Assert.Equal(6m, Limit(cp.Profiles[^1]));
        cp.AnswerHeld("Accepted");
        Assert.Equal(SetpointOutcome.Accepted, (await back).Outcome);
        Assert.Equal(6.0, cp.ChargePoint.Limits.Get(1)!.InForceA);
    }

    private static async Task AdvanceUntilSentAsync(FakeChargePoint cp, TimeSpan by, int count)
    {
        await UntilTimerArmedAsync(cp);
        cp.Time.Advance(by);
        await Eventually.TrueAsync(() => cp.Profiles.Count >= count, $"profile {count} is sent");
        Assert.Equal(count, cp.Profiles.Count); // one send per retry, not one per firing of the timer
    }

    /// <summary>
    /// Waits until the keeper has recorded the last answer and armed its timer for the next send. The
    /// clock must not move before that: the keeper counts the delay from the time it reads when it arms
    /// the timer, so a move just before would be lost (the send would come that much later).
    /// </summary>
    private static Task UntilTimerArmedAsync(FakeChargePoint cp) =>
        Eventually.TrueAsync(
            () => cp.ChargePoint.Limits.Get(1)?.NextSendAt is { } at && at > cp.Time.GetUtcNow() && cp.ChargePoint.Limits.TimerDueAt == at,
            "the keeper arms its timer for the next send");

    [Fact]
    public async Task A_cut_back_to_the_accepted_limit_while_a_raise_is_unanswered_is_sent_after_it_not_answered_from_the_record()
    {
        // Issue 13 property 5: the record still says 6 A accepted while the raise to 16 A is on its way; answered from it, the
        // cut would be "Accepted" unsent, and the raise the charger then takes would stand, counted as 6 A, until the next refresh.
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None)).Outcome);

        cp.HoldProfileAnswers = true;
        var raise = charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the raise is sent");
        var cut = charger.SetCurrentLimitAsync(1, 6, CancellationToken.None);
        Assert.False(cut.IsCompleted, "the cut waits for the raise's answer");
        Assert.True(charger.IsLimitQueued(1));

        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        Assert.Equal(SetpointOutcome.Accepted, (await raise).Outcome);
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        Assert.Equal([6m, 16m, 6m], cp.Profiles.Select(Limit));
        Assert.Equal(6, cp.ChargePoint.Limits.Get(1)!.InForceA);
    }

    [Fact]
    public async Task A_limit_waiting_on_the_connection_behind_another_call_counts_as_queued_until_it_goes_out()
    {
        // One call at a time per connection (OCPP-J 4.1.1): a cut behind a trigger the charger is slow to answer is not on its way,
        // and the control loop must count it so (docs/control-loop-sessions.md, Session 14, "A cut queued behind an unanswered call").
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None);

        cp.HoldTriggerAnswers = true;
        var report = charger.RequestMeterValuesAsync(1, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Calls.Any(c => c.Action == "TriggerMessage"), "the trigger is sent");
        var cut = charger.SetCurrentLimitAsync(1, 8, CancellationToken.None);
        Assert.True(charger.IsLimitQueued(1));
        Assert.Single(cp.Profiles);

        cp.AnswerHeld("Accepted");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);
        await report;
        Assert.False(charger.IsLimitQueued(1));
        Assert.Equal([16m, 8m], cp.Profiles.Select(Limit));
    }

    [Fact]
    public async Task A_TxProfile_accepted_after_its_transaction_ended_is_lapsed_and_the_limit_sent_again()
    {
        // The charger deletes a TxProfile with its transaction (OCPP 1.6 section 3.13.2); one taken for a transaction that ended
        // before its answer was read is no limit in force, whatever its validTo says.
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { LimitPurpose = OcppLimitPurpose.TxProfile });
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        await cp.CallAsync("StartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG1\",\"meterStart\":0,\"timestamp\":\"2026-12-01T08:00:00Z\"}");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).TransactionId is not null, "the transaction started");
        var transactionId = cp.ChargePoint.GetConnector(1).TransactionId!;
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        Assert.Equal("TxProfile", Purpose(cp.Profiles[0]));

        cp.HoldProfileAnswers = true;
        var cut = charger.SetCurrentLimitAsync(1, 8, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the cut is sent");
        await cp.CallAsync("StopTransaction", $"{{\"transactionId\":{transactionId},\"meterStop\":100,\"timestamp\":\"2026-12-01T08:01:00Z\"}}");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).TransactionId is null, "the transaction ended");
        cp.HoldProfileAnswers = false;
        cp.AnswerHeld("Accepted");
        Assert.Equal(SetpointOutcome.Accepted, (await cut).Outcome);

        await Eventually.TrueAsync(() => cp.Profiles.Count == 3, "the limit goes again, as the charger's default");
        Assert.Equal("TxDefaultProfile", Purpose(cp.Profiles[2]));
        await Eventually.TrueAsync(() => cp.ChargePoint.Limits.Get(1) is { InForceA: 8, TransactionId: null }, "the default profile is in force");
    }

    [Fact]
    public async Task A_TxProfile_left_unanswered_is_bound_to_its_transaction_and_lapses_at_its_end()
    {
        // The charger may have taken the TxProfile whose answer was lost; it deletes it with the transaction (OCPP 1.6 section
        // 3.13.2) and is on its own default then. Kept unbound (as the default profile before it), the record went on vouching
        // for its validTo after the transaction's end.
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { LimitPurpose = OcppLimitPurpose.TxProfile });
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Preparing");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        Assert.Equal("TxDefaultProfile", Purpose(cp.Profiles[0]));
        await cp.CallAsync("StartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG1\",\"meterStart\":0,\"timestamp\":\"2026-12-01T08:00:00Z\"}");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).TransactionId is not null, "the transaction started");
        var transactionId = cp.ChargePoint.GetConnector(1).TransactionId!;

        cp.HoldProfileAnswers = true;
        var cut = charger.SetCurrentLimitAsync(1, 8, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "the cut is sent");
        Assert.Equal("TxProfile", Purpose(cp.Profiles[1]));
        await cp.DisconnectAsync();
        Assert.Equal(SetpointOutcome.Failed, (await cut).Outcome);
        Assert.Equal(transactionId, cp.ChargePoint.Limits.Get(1)!.TransactionId);

        Assert.True(cp.ChargePoint.Limits.TransactionEnded(1, transactionId), "the transaction's end did not lapse the limit");
        Assert.True(cp.ChargePoint.Limits.Get(1)!.ValidTo <= DateTimeOffset.UtcNow, "the record still vouches for the profile");
    }

    [Fact]
    public async Task After_a_reboot_the_limits_go_out_before_the_configuration_keys()
    {
        // A charger that lost its profiles in the reboot is on its own default until they are in force again: the three
        // ChangeConfiguration round trips must not hold them.
        await using var cp = await FakeChargePoint.StartAsync(setConfigurationOnBoot: true);
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        var before = cp.Calls.Count;

        await cp.CallAsync("BootNotification", "{\"chargePointVendor\":\"Test\",\"chargePointModel\":\"Fake\"}");
        await Eventually.TrueAsync(() => cp.Calls.Count >= before + 4, "the limit and the keys are sent");
        var after = cp.Calls.Skip(before).Take(4).Select(c => c.Action).ToList();
        Assert.Equal(["SetChargingProfile", "ChangeConfiguration", "ChangeConfiguration", "ChangeConfiguration"], after);
    }

    private static string? Purpose(JsonElement request) => request.GetProperty("csChargingProfiles").GetProperty("chargingProfilePurpose").GetString();

    // Connector 1 holds an accepted limit (6 A unless told), and connector 2's profile is on the wire unanswered (answers held): the
    // next call waits its turn.
    private static async Task<(OcppCharger Charger, Task<SetpointResult> Unanswered)> HeldBehindAnUnansweredCallAsync(FakeChargePoint cp, double connector1A = 6)
    {
        await cp.ConnectAndBootAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, connector1A, CancellationToken.None)).Outcome);
        cp.HoldProfileAnswers = true;
        var unanswered = charger.SetCurrentLimitAsync(2, 10, CancellationToken.None);
        await Eventually.TrueAsync(() => cp.Profiles.Count == 2, "connector 2's profile is sent");
        return (charger, unanswered);
    }

    private static int ConnectorOf(JsonElement request) => request.GetProperty("connectorId").GetInt32();

    private static decimal Limit(JsonElement request) =>
        request.GetProperty("csChargingProfiles").GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal();
}
