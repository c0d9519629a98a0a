using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A probe's steps (docs/control-loop.md, "A car's phases from a probe"): the car behind a charger that reports one current without
/// a phase is cut while every other limit is held, judged a response time after its charger confirmed the cut, raised back and
/// judged again; two verdicts that agree place it. What a probe showed is forgotten the moment the grid meter is unknown, a probe
/// that cannot judge ends without a verdict, and a verdict of fewer phases is judged again in a while.
/// </summary>
public sealed class PhaseProbeStepsTests
{
    private static readonly DateTimeOffset Now = DemoConnector.Now;
    private static readonly TimeSpan Fresh = new ControlLoopOptions().FreshReadingAge;
    private static readonly TimeSpan Judged = DemoConnector.ResponseTime + PhaseProbe.Settle + TimeSpan.FromSeconds(1);

    private readonly DemoConnector _connector;
    private readonly int _index;
    private readonly PhaseProbe _probe = new(DemoConnector.ResponseTime, Fresh, NullLogger.Instance);

    public PhaseProbeStepsTests()
    {
        // CP001 (L1L2L3) alone on the site, at 16 A for five minutes, its car reported drawing without a phase.
        _connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        _index = _connector.Model.IndexOf(DemoConnector.ChargerId, 1)!.Value;
        foreach (var other in _connector.Model.Connectors.Where(r => r != _connector.Runtime))
        {
            other.Disconnected = true;
        }

        _connector.ReportPhaseless(16, 0, Now.AddSeconds(-20));
    }

    [Fact]
    public void A_one_phase_car_whose_cut_and_raise_moved_its_phase_alone_is_counted_there_at_once()
    {
        var placed = RunProbe(gridMoveA: (6, 0, 0));

        Assert.Equal(0b001, placed.ProbedPhaseMask);
        Assert.Equal(0b001, placed.PhaseMask);
        Assert.Equal(0b001, _connector.Input().ProbedPhaseMask);
        Assert.False(_probe.Running);
        Assert.Equal(double.PositiveInfinity, _probe.CapOf(_index));
    }

    [Fact]
    public void While_it_runs_the_car_is_capped_a_cut_under_its_limit_and_then_back_at_it()
    {
        var t = Now;
        Read(t, 0);
        Assert.True(_probe.Running);
        Assert.Equal(16 - PhaseProbe.CutA, _probe.CapOf(_index));

        _connector.Send(16 - PhaseProbe.CutA, t);
        t += Judged;
        Read(t, 6);

        Assert.True(_probe.Running);
        Assert.Equal(16, _probe.CapOf(_index));
    }

    [Fact]
    public void A_one_phase_car_is_judged_at_the_response_time_in_its_cut_and_ahead_of_it_in_its_raise()
    {
        // Cut at t (accepted at t + 1 s); the car answers 2 s later, the whole 6 A on its phase, and stays there. One phase is
        // judged early only against a cut judged at the response time: the cut waits for it.
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        var answered = t.AddSeconds(1) + DemoConnector.ResponseTime + PhaseProbe.Settle;
        for (var at = t.AddSeconds(2); at < answered; at = at.AddSeconds(0.5))
        {
            Read(at, 6);
        }

        Assert.Equal(16 - PhaseProbe.CutA, _probe.CapOf(_index));
        Read(answered, 6);
        Assert.Equal(16, _probe.CapOf(_index));

        // Raised back (accepted a second later), answered 2 s after: placed once the move has stood a second — 4 s after the
        // raise, where the response time would have taken 6.
        t = answered;
        _connector.Send(16, t);
        foreach (var s in new[] { 1.0, 2.0, 3.0, 3.5 })
        {
            Read(t.AddSeconds(s), s >= 3 ? 0 : 6);
        }

        Assert.True(_probe.Running);
        Read(t.AddSeconds(4), 0);
        Assert.False(_probe.Running);
        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);
    }

    [Fact]
    public void A_three_phase_car_whose_other_phases_lag_its_first_is_never_placed_on_its_first_alone()
    {
        // The cut shows on L1 2 s after its acceptance and on L2 and L3 1.5 s later. L1 alone, standing for more than a second,
        // is no early verdict; all three are, at once — and place the car by the cut alone.
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        foreach (var s in new[] { 3.0, 3.5, 4.0 })
        {
            Read(t.AddSeconds(s), 6, 0, 0);
        }

        Assert.True(_probe.Running);
        Assert.Equal(16 - PhaseProbe.CutA, _probe.CapOf(_index));
        Assert.Equal(0, _connector.Runtime.Car.ProbedPhaseMask);
        foreach (var s in new[] { 4.5, 5.0, 5.5 })
        {
            Read(t.AddSeconds(s), 6, 6, 6);
        }

        Assert.False(_probe.Running);
        Assert.Equal(0b111, _connector.Runtime.Car.ProbedPhaseMask);
    }

    [Fact]
    public void A_three_phase_car_is_placed_by_its_cut_alone_frees_the_site_at_once_and_is_not_probed_again()
    {
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        t += Judged;
        Read(t, 6, 6, 6);

        // No raise stage: counted on every wired phase anyway, the car is raised by the plan, and no limit is held any more.
        Assert.False(_probe.Running);
        Assert.Equal(double.PositiveInfinity, _probe.CapOf(_index));
        Assert.Null(_probe.CutOf(_index));
        Assert.Equal(0b111, _connector.Runtime.Car.ProbedPhaseMask);
        Assert.Equal(DateTimeOffset.MaxValue, _connector.Runtime.Car.NextProbeAt);
    }

    [Fact]
    public void A_move_that_is_not_yet_whole_or_has_not_stood_is_not_judged_ahead_of_the_response_time()
    {
        // A three-phase car seen for half a second on its first phase alone, then on two phases at half the change, then whole.
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        Read(t.AddSeconds(2), 6, 0, 0);
        Read(t.AddSeconds(2.5), 6, 0, 0);
        foreach (var s in new[] { 3.0, 3.5, 4.0, 4.5 })
        {
            Read(t.AddSeconds(s), 6, 3, 3);
        }

        Assert.Equal(16 - PhaseProbe.CutA, _probe.CapOf(_index));
        foreach (var s in new[] { 5.0, 5.5 })
        {
            Read(t.AddSeconds(s), 6, 6, 6);
        }

        Assert.Equal(16 - PhaseProbe.CutA, _probe.CapOf(_index));
        Read(t.AddSeconds(6), 6, 6, 6);
        Assert.Equal(double.PositiveInfinity, _probe.CapOf(_index));
        Assert.Equal(0b111, _connector.Runtime.Car.ProbedPhaseMask);
    }

    [Fact]
    public void What_a_probe_showed_is_forgotten_the_moment_the_grid_meter_is_unknown()
    {
        RunProbe(gridMoveA: (6, 0, 0));

        _probe.Advance(_connector.Model, null, gridStale: true, Now.AddMinutes(1));

        Assert.Equal(0, _connector.Runtime.Car.ProbedPhaseMask);
        Assert.Equal(0, _connector.Runtime.Car.PhaseMask);
        Assert.Equal(0, _connector.Input().ProbedPhaseMask);
    }

    [Fact]
    public void A_grid_that_moved_as_no_one_car_would_ends_the_probe_without_a_verdict_and_the_car_waits_before_the_next()
    {
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        t += Judged;
        Read(t, 6, l2DropA: 3);

        Assert.False(_probe.Running);
        Assert.Equal(0, _connector.Runtime.Car.ProbedPhaseMask);
        Assert.Equal(1, _connector.Runtime.Car.ProbesTried);

        // Raised back by the loop; no new probe before RetryAfter.
        _connector.Send(16, t);
        t += PhaseProbe.RetryAfter - TimeSpan.FromSeconds(1);
        Read(t, 0);
        Assert.False(_probe.Running);
        t += TimeSpan.FromSeconds(2);
        Read(t, 0);
        Assert.True(_probe.Running);
    }

    [Fact]
    public void A_car_that_stops_charging_ends_the_probe()
    {
        var t = Now;
        Read(t, 0);
        _connector.Notify(ConnectorState.SuspendedByCar, t.AddSeconds(1));
        Read(t.AddSeconds(2), 0);

        Assert.False(_probe.Running);
        Assert.Equal(double.PositiveInfinity, _probe.CapOf(_index));
        Assert.Equal(t.AddSeconds(2) + PhaseProbe.RetryAfter, _connector.Runtime.Car.NextProbeAt);
    }

    [Fact]
    public void No_probe_begins_while_a_limit_sent_lately_may_still_move_a_car()
    {
        _connector.Send(14, Now.AddSeconds(-3));
        _connector.ReportPhaseless(14, 0, Now.AddSeconds(-1));

        Read(Now, 0);

        Assert.False(_probe.Running);
    }

    [Fact]
    public void A_verdict_of_one_phase_is_judged_again_later_and_forgotten_when_it_cannot_be()
    {
        RunProbe(gridMoveA: (6, 0, 0));
        var t = _connector.Runtime.Car.NextProbeAt;
        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);

        for (var i = 0; i < PhaseProbe.MostTries; i++)
        {
            // Each probe again begins, and its cut moves the grid as no one car would.
            Read(t, 0);
            Assert.True(_probe.Running, $"probe {i + 1} did not begin");
            _connector.Send(16 - PhaseProbe.CutA, t);
            t += Judged;
            Read(t, 6, l2DropA: 3);
            Assert.Equal(i < PhaseProbe.MostTries - 1 ? 0b001 : 0, _connector.Runtime.Car.ProbedPhaseMask);
            _connector.Send(16, t);
            t += PhaseProbe.RetryAfter + Judged;
        }

        Assert.Equal(0, _connector.Runtime.Car.PhaseMask);
        Read(t, 0);
        Assert.False(_probe.Running);
    }

    [Fact]
    public void A_verdict_is_forgotten_when_its_car_stops_charging()
    {
        RunProbe(gridMoveA: (6, 0, 0));

        // A car that stops, or a new car after it, may start again on other phases.
        _connector.Notify(ConnectorState.SuspendedByCar, Now.AddMinutes(1));
        Read(Now.AddMinutes(1), 0);

        Assert.Equal(0, _connector.Runtime.Car.ProbedPhaseMask);
        Assert.Equal(0, _connector.Runtime.Car.PhaseMask);
    }

    [Fact]
    public void A_verdict_not_judged_again_in_time_is_forgotten()
    {
        RunProbe(gridMoveA: (6, 0, 0));
        var due = _connector.Runtime.Car.NextProbeAt;

        // The site never stands still long enough (a limit sent a second before each cycle): no probe again, and the verdict lapses.
        var t = due + ProbedPhases.RejudgedWithin - TimeSpan.FromSeconds(1);
        _connector.Send(16, t.AddSeconds(-1));
        Read(t, 0);
        Assert.False(_probe.Running);
        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);

        t += TimeSpan.FromSeconds(1);
        Read(t, 0);
        Assert.Equal(0, _connector.Runtime.Car.ProbedPhaseMask);
    }

    [Fact]
    public void No_probe_begins_where_a_grid_phase_reads_near_zero()
    {
        // A meter that reads current as a size shows a phase that crosses zero as no move at all.
        var nearZero = new MeterReading(Now, new PhaseValues(60, PhaseProbeStart.LeastGridA - 1, 50), new PhaseValues(230, 230, 230), PhaseValues.Zero, 0, 0);
        _probe.Advance(_connector.Model, nearZero, gridStale: false, Now);
        Assert.False(_probe.Running);

        var exporting = new MeterReading(Now, new PhaseValues(60, 55, 50), new PhaseValues(230, 230, 230), new PhaseValues(13_000, -200, 11_000), 0, 0);
        _probe.Advance(_connector.Model, exporting, gridStale: false, Now);
        Assert.False(_probe.Running);
    }

    [Fact]
    public void A_cut_its_charger_refused_is_skipped_and_the_one_it_takes_is_judged()
    {
        var t = Now;
        Read(t, 0);
        var refused = _connector.Runtime.TryBeginSend(16 - PhaseProbe.CutA, t, needed: false)!.Sent;
        _connector.Runtime.CompleteSend(refused, SetpointOutcome.Rejected, t.AddSeconds(1));

        // No circuit needed the cut: its charger keeps the 16 A it confirmed, counted there and sent the cut again — not stale, whose
        // failsafe would cut the car on every wired phase and end the probe (docs/control-loop-sessions.md, Session 35).
        var refusedCut = _connector.Input();
        Assert.False(refusedCut.IsStale);
        Assert.Equal(16, refusedCut.CommittedA);
        _connector.Send(16 - PhaseProbe.CutA, t.AddSeconds(2));
        t += Judged + TimeSpan.FromSeconds(2);
        Read(t, 6);
        _connector.Send(16, t);
        t += Judged;
        Read(t, 0);

        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);
    }

    [Fact]
    public void The_probed_cars_limits_pass_its_drivers_back_off_after_one_refusal_in_each_stage_and_no_others_do()
    {
        // The whole site waits on a stage: a charger that took one profile in two held each stage 5 s in its driver's back-off (the
        // real-timing e2e's CP4, docs/control-loop-sessions.md, Session 37). A second refusal in a stage waits out the back-off as ever.
        var other = Other(10);
        var otherIndex = _connector.Model.Connectors.ToList().IndexOf(other);
        var t = Now;
        Assert.False(_probe.PassesBackOff(_index, _connector.Runtime), "no probe runs yet");
        Read(t, 0);
        Assert.True(_probe.PassesBackOff(_index, _connector.Runtime), "the cut's first send");
        Assert.False(_probe.PassesBackOff(otherIndex, other), "another connector's limit");

        Refuse(16 - PhaseProbe.CutA, t);
        Assert.True(_probe.PassesBackOff(_index, _connector.Runtime), "the cut again after one refusal");
        Refuse(16 - PhaseProbe.CutA, t.AddSeconds(2));
        Assert.False(_probe.PassesBackOff(_index, _connector.Runtime), "the cut after a second refusal");

        // Taken at last and judged: the raise back is a stage of its own.
        _connector.Send(16 - PhaseProbe.CutA, t.AddSeconds(4));
        t += Judged + TimeSpan.FromSeconds(4);
        Read(t, 6);
        Assert.True(_probe.Running);
        Assert.True(_probe.PassesBackOff(_index, _connector.Runtime), "the raise's first send");
        Refuse(16, t);
        Assert.True(_probe.PassesBackOff(_index, _connector.Runtime), "the raise again after one refusal");

        _connector.Send(16, t.AddSeconds(1));
        t += Judged + TimeSpan.FromSeconds(1);
        Read(t, 0);
        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);
        Assert.False(_probe.PassesBackOff(_index, _connector.Runtime), "the probe has ended");
    }

    [Fact]
    public void A_cut_the_site_needed_that_its_charger_refused_is_stale_during_a_probe_as_any_and_so_is_the_probes_once_it_has_ended()
    {
        // The probe's cut is 10 A; the plan needed 7 A (a base load rise), and the charger refused it: a cut the site needs.
        var t = Now;
        Read(t, 0);
        var deeper = _connector.Runtime.TryBeginSend(7, t, needed: true)!.Sent;
        _connector.Runtime.CompleteSend(deeper, SetpointOutcome.Rejected, t.AddSeconds(1));
        Assert.True(_connector.Input().IsStale);

        // The probe's own cut, refused after the probe ended (the grid meter turned stale: every cut is needed then).
        _connector.Send(16, t.AddSeconds(2));
        var probesCut = _connector.Runtime.TryBeginSend(16 - PhaseProbe.CutA, t.AddSeconds(3), needed: true)!.Sent;
        _probe.Advance(_connector.Model, Reading(t.AddSeconds(3), 0), gridStale: true, t.AddSeconds(3));
        _connector.Runtime.CompleteSend(probesCut, SetpointOutcome.Rejected, t.AddSeconds(4));
        Assert.False(_probe.Running);
        Assert.True(_connector.Input().IsStale);
    }

    [Fact]
    public void Another_car_cut_under_its_draw_meanwhile_ends_the_probe_and_one_reclaimed_to_its_draw_does_not()
    {
        // A one-phase car (a car on three phases moves them alike: taken out, below).
        var other = Other(limitA: 16);
        other.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(10, 0, 0), 0, null, Now.AddSeconds(-20));

        var t = Now;
        Read(t, 0);
        Assert.True(_probe.Running);

        // Reclaimed down to what its car draws: nothing moves, the probe goes on.
        Take(other, 10, t.AddSeconds(1), t.AddSeconds(2));
        Read(t.AddSeconds(2), 0);
        Assert.True(_probe.Running);

        // Cut under its draw: its car moves the meter too.
        Take(other, 6, t.AddSeconds(3), t.AddSeconds(4));
        Read(t.AddSeconds(4), 0);
        Assert.False(_probe.Running);
        Assert.Equal(1, _connector.Runtime.Car.ProbesTried);

        // Nothing of its own car's doing: it may be probed again at the next still moment after a short while, not a long one.
        Assert.Equal(t.AddSeconds(4) + PhaseProbe.RetryAfterOthersMoved, _connector.Runtime.Car.NextProbeAt);
    }

    [Fact]
    public void A_limit_lowered_to_what_a_car_takes_does_not_keep_the_site_from_standing_still_and_one_under_it_does()
    {
        // Another car limits itself at 10 A under its 16 A (a tapering car): reclaimed to 10.5 A a second ago, nothing moves.
        var other = Other(limitA: 16);
        var report = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(10, 10, 10), 0, null, Now.AddSeconds(-20));
        other.Car = DrawEstimator.Learn(other.Car, null, report, other.History, DemoConnector.ResponseTime, 3);
        other.Status = report;
        Assert.Equal(10, other.Car.AppetiteA);

        Take(other, 10.5, Now.AddSeconds(-1), Now.AddSeconds(-1));
        Read(Now, 0);
        Assert.True(_probe.Running);

        // Lowered under what it takes, a second ago: its car is still answering, no probe begins.
        var probe = new PhaseProbe(DemoConnector.ResponseTime, Fresh, NullLogger.Instance);
        Take(other, 8, Now.AddSeconds(1), Now.AddSeconds(1));
        probe.Advance(_connector.Model, Reading(Now.AddSeconds(2), 0), gridStale: false, Now.AddSeconds(2));
        Assert.False(probe.Running);
    }

    [Fact]
    public void A_probe_the_grid_meter_gives_nothing_to_judge_by_ends_without_holding_the_site_longer()
    {
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);

        // Readings no meter can give (not yet stale): nothing is judged, and the stage's time runs out.
        var impossible = new MeterReading(t, new PhaseValues(double.NaN, 55, 50), new PhaseValues(230, 230, 230), PhaseValues.Zero, 0, 0);
        var stageTime = PhaseProbe.AnswerTimeout + DemoConnector.ResponseTime + PhaseProbe.Settle + PhaseProbe.Settle;
        _probe.Advance(_connector.Model, impossible with { Timestamp = t + stageTime }, gridStale: false, t + stageTime);
        Assert.True(_probe.Running);

        t += stageTime + TimeSpan.FromSeconds(1);
        _probe.Advance(_connector.Model, impossible with { Timestamp = t }, gridStale: false, t);
        Assert.False(_probe.Running);
        Assert.Equal(double.PositiveInfinity, _probe.CapOf(_index));
        Assert.Equal(1, _connector.Runtime.Car.ProbesTried);
    }

    [Fact]
    public void Another_car_cut_meanwhile_whose_own_readings_show_it_is_taken_out_of_the_grids_move()
    {
        // Another car, three-phase at 10 A, its currents per phase read every second (a Modbus wallbox).
        var other = Other(limitA: 10);
        void ReadOther(double a, DateTimeOffset at) => other.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(a, a, a), 0, null, at);
        ReadOther(10, Now);

        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);

        // The loop cuts it by 2 A a second later (a charger elsewhere refused its limit): the grid moves by its 2 A on every phase too.
        Take(other, 8, t.AddSeconds(1), t.AddSeconds(1));
        t += Judged;
        ReadOther(8, t);
        Read(t, 6 + 2, 2, 2);
        Assert.True(_probe.Running);

        _connector.Send(16, t);
        t += Judged;
        ReadOther(8, t);
        Read(t, 2, 2, 2);

        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);
    }

    [Fact]
    public void Another_car_read_fresh_only_when_the_probe_began_does_not_hold_its_verdict_while_its_limit_stands()
    {
        // Another car, three-phase at 10 A behind an OCPP charger reporting every 10 s: one report fell at the probe's start.
        var other = Other(limitA: 10);
        other.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(10, 10, 10), 0, null, Now);

        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        t += Judged;
        Read(t, 6);
        _connector.Send(16, t);
        t += Judged;
        Read(t, 0);
        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);

        // One whose limit changed since is waited for until a fresh reading shows its move.
        var waited = new PhaseProbe(DemoConnector.ResponseTime, Fresh, NullLogger.Instance);
        _connector.Runtime.Car = _connector.Runtime.Car.WithoutProbedPhases(default);
        other.Status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(10, 10, 10), 0, null, t);
        waited.Advance(_connector.Model, Reading(t, 0), gridStale: false, t);
        Assert.True(waited.Running);
        _connector.Send(16 - PhaseProbe.CutA, t);
        Take(other, 9.5, t.AddSeconds(1), t.AddSeconds(1));
        t += Judged;
        waited.Advance(_connector.Model, Reading(t, 6), gridStale: false, t);
        Assert.True(waited.Running);
        Assert.Equal(16 - PhaseProbe.CutA, waited.CapOf(_index));
    }

    [Fact]
    public void A_three_phase_car_that_stops_meanwhile_moves_every_phase_alike_and_the_probe_still_places_the_car()
    {
        // Another car drawing 10 A on each of three phases behind an OCPP charger reporting every 10 s (not fresh: not measured).
        var other = ChargingElsewhere(new PhaseValues(10, 10, 9.5));

        // It stops full a second into the cut: 10 A off every grid phase, on top of the probed car's 6 A off L1. Judged once the
        // stop has settled, with the move alike taken out; the raise as ever.
        var t = CutWhileAnotherStops(other, seenA: (10, 10, 10), answeredA: (16, 10, 10), settledA: (16, 10, 10));
        Assert.Equal(16, _probe.CapOf(_index));
        _connector.Send(16, t);
        t += Judged;
        Read(t, 10, 10, 10);

        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);
        Assert.False(_probe.Running);
    }

    [Fact]
    public void A_car_not_seen_drawing_alike_on_three_phases_that_stops_meanwhile_still_ends_the_probe()
    {
        // On L1 alone, reported without phases, or 2 A apart on its phases: its stop may move the phases unlike.
        foreach (var (currents, phasesKnown) in new[] { (new PhaseValues(10, 0, 0), true), (new PhaseValues(10, 10, 10), false), (new PhaseValues(10, 10, 8), true) })
        {
            var probe = new PhaseProbe(DemoConnector.ResponseTime, Fresh, NullLogger.Instance);
            var other = ChargingElsewhere(currents, phasesKnown);

            probe.Advance(_connector.Model, Reading(Now, 0), gridStale: false, Now);
            Assert.True(probe.Running);
            StopsFull(other, Now.AddSeconds(1));
            probe.Advance(_connector.Model, Reading(Now.AddSeconds(2), 0), gridStale: false, Now.AddSeconds(2));
            Assert.False(probe.Running);
            Assert.Equal(Now.AddSeconds(2) + PhaseProbe.RetryAfterOthersMoved, _connector.Runtime.Car.NextProbeAt);
            _connector.Runtime.Car = _connector.Runtime.Car with { ProbesTried = 0, NextProbeAt = default };
        }
    }

    [Fact]
    public void A_car_that_stopped_alike_and_charges_again_or_turns_unavailable_ends_the_probe()
    {
        foreach (var then in new[] { ConnectorState.Charging, ConnectorState.Unavailable })
        {
            var probe = new PhaseProbe(DemoConnector.ResponseTime, Fresh, NullLogger.Instance);
            var other = ChargingElsewhere(new PhaseValues(10, 10, 10));

            probe.Advance(_connector.Model, Reading(Now, 0), gridStale: false, Now);
            var stopped = then == ConnectorState.Charging;
            if (stopped)
            {
                StopsFull(other, Now.AddSeconds(1));
                probe.Advance(_connector.Model, Reading(Now.AddSeconds(1), 0), gridStale: false, Now.AddSeconds(1));
                Assert.True(probe.Running);
            }

            other.Status = other.Status! with { State = then, Timestamp = Now.AddSeconds(2) };
            probe.Advance(_connector.Model, Reading(Now.AddSeconds(2), 0), gridStale: false, Now.AddSeconds(2));
            Assert.False(probe.Running);
            _connector.Runtime.Car = _connector.Runtime.Car with { ProbesTried = 0, NextProbeAt = default };
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void A_three_phase_car_probed_while_another_stops_with_its_phases_apart_is_judged_once_the_stop_settled_and_not_placed(double lagA)
    {
        var other = ChargingElsewhere(new PhaseValues(10, 10, 10));

        // The other car's L3 falls lagA behind its L1 and L2 until after the probed car's response time: taken out alike then, the
        // probed car's move on all three phases would show as L1 and L2 alone (the review's case). Judged once the stop has had
        // its own response time, every phase shows the same move: nothing is left, no verdict.
        var t = CutWhileAnotherStops(other, seenA: (10, 10, 10 - lagA), answeredA: (16, 16, 16 - lagA), settledA: (16, 16, 16));

        Assert.False(_probe.Running);
        Assert.Equal(0, _connector.Runtime.Car.ProbedPhaseMask);
        Assert.Equal(t + PhaseProbe.RetryAfterOthersMoved, _connector.Runtime.Car.NextProbeAt);
    }

    [Fact]
    public void Moves_alike_in_both_stages_end_the_probe()
    {
        var first = ChargingElsewhere(new PhaseValues(10, 10, 10));
        var second = ChargingElsewhere(new PhaseValues(8, 8, 8), skip: 1);

        var t = CutWhileAnotherStops(first, seenA: (10, 10, 10), answeredA: (16, 10, 10), settledA: (16, 10, 10));
        Assert.Equal(16, _probe.CapOf(_index));

        _connector.Send(16, t);
        StopsFull(second, t.AddSeconds(1));
        Read(t.AddSeconds(1.5), 24, 18, 18);

        Assert.False(_probe.Running);
        Assert.Equal(0, _connector.Runtime.Car.ProbedPhaseMask);
    }

    [Fact]
    public void A_three_phase_car_cut_under_its_draw_meanwhile_is_taken_out_alike()
    {
        var other = ChargingElsewhere(new PhaseValues(10, 10, 10));

        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        Take(other, 6, t.AddSeconds(0.5), t.AddSeconds(0.5));
        t += Judged;
        Read(t, 10, 4, 4);
        Assert.True(_probe.Running);

        _connector.Send(16, t);
        t += Judged;
        Read(t, 4, 4, 4);

        Assert.Equal(0b001, _connector.Runtime.Car.ProbedPhaseMask);
    }

    // A probe begun now, its cut taken; the other car stops a second later, seen in a reading half a second after that; read at
    // the probed car's response time (the stop, seen later, not settled yet: no verdict, its cap stands); read again once the
    // stop has had its own response time: the time then.
    private DateTimeOffset CutWhileAnotherStops(
        ConnectorRuntime other, (double L1, double L2, double L3) seenA, (double L1, double L2, double L3) answeredA, (double L1, double L2, double L3) settledA)
    {
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        StopsFull(other, t.AddSeconds(1));
        Read(t.AddSeconds(1.5), seenA.L1, seenA.L2, seenA.L3);
        Read(t + Judged, answeredA.L1, answeredA.L2, answeredA.L3);
        Assert.Equal(16 - PhaseProbe.CutA, _probe.CapOf(_index));
        t += Judged + TimeSpan.FromSeconds(1);
        Read(t, settledA.L1, settledA.L2, settledA.L3);
        return t;
    }

    private static void StopsFull(ConnectorRuntime other, DateTimeOffset at) =>
        other.Status = new ConnectorStatus(1, ConnectorState.SuspendedByCar, PhaseValues.Zero, 0, null, at);

    // Another connector at 16 A whose car was reported charging with these currents 20 s ago, and learnt from that report.
    private ConnectorRuntime ChargingElsewhere(PhaseValues currents, bool phasesKnown = true, int skip = 0)
    {
        var other = Other(limitA: 16, skip);
        var report = new ConnectorStatus(1, ConnectorState.Charging, currents, 0, null, Now.AddSeconds(-20), PhasesKnown: phasesKnown);
        other.Car = DrawEstimator.Learn(CarDrawModel.Unknown, null, report, other.History, DemoConnector.ResponseTime, 3);
        other.Status = report;
        return other;
    }

    // The probe advanced at a fresh grid reading of that moment, each phase lower than at the start by its drop.
    private void Read(DateTimeOffset at, double l1DropA, double? l2DropA = null, double? l3DropA = null) =>
        _probe.Advance(_connector.Model, Reading(at, l1DropA, l2DropA, l3DropA), gridStale: false, at);

    // Another connector of the site, reachable, with a car's limit of limitA taken five minutes ago.
    private ConnectorRuntime Other(double limitA, int skip = 0)
    {
        var other = _connector.Model.Connectors.Where(r => r != _connector.Runtime).Skip(skip).First();
        other.Disconnected = false;
        other.Reachable = true;
        Take(other, limitA, Now.AddMinutes(-5), Now.AddMinutes(-5).AddSeconds(1));
        return other;
    }

    // A limit sent to the probed connector at sentAt, refused a second later.
    private void Refuse(double limitA, DateTimeOffset sentAt) =>
        _connector.Runtime.CompleteSend(_connector.Runtime.TryBeginSend(limitA, sentAt)!.Sent, SetpointOutcome.Rejected, sentAt.AddSeconds(1));

    // A limit sent to a connector at sentAt, and its charger's acceptance at answeredAt.
    private static void Take(ConnectorRuntime runtime, double limitA, DateTimeOffset sentAt, DateTimeOffset answeredAt) =>
        runtime.CompleteSend(runtime.TryBeginSend(limitA, sentAt)!.Sent, SetpointOutcome.Accepted, answeredAt);

    // A whole probe whose cut and raise each move the grid by gridMoveA (per grid phase): the car as it ends.
    private CarDrawModel RunProbe((double L1, double L2, double L3) gridMoveA)
    {
        var t = Now;
        Read(t, 0);
        _connector.Send(16 - PhaseProbe.CutA, t);
        t += Judged;
        Read(t, gridMoveA.L1, gridMoveA.L2, gridMoveA.L3);
        _connector.Send(16, t);
        t += Judged;
        Read(t, 0);
        return _connector.Runtime.Car;
    }

    // The grid meter at 60/55/50 A less what the probed car gave back on each phase.
    private static MeterReading Reading(DateTimeOffset at, double l1DropA, double? l2DropA = null, double? l3DropA = null) => new(
        at,
        new PhaseValues(60 - l1DropA, 55 - (l2DropA ?? 0), 50 - (l3DropA ?? 0)),
        new PhaseValues(230, 230, 230),
        PhaseValues.Zero,
        0,
        0);
}
