using ChargeNet.LoadBalancer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// A car that stopped on its own (full, or its own timer) is paused (0 A) where the room kept for its restart is room a charging
/// car lacks — at once, without waiting out its minimum run time, unless it was started by a probe: at 0 A an IEC 61851 car cannot draw, so no room is kept for it. Held at
/// its minimum instead, it kept its minimum less the margin free on every phase (the real-timing e2e's CP5: 3 A a phase, about
/// 5 points of property 2). It is offered its minimum again when that room is free, or after
/// <see cref="BalancerSettings.FullCarProbeInterval"/> (docs/control-loop-sessions.md, Session 23, "A full car paused").
/// </summary>
public sealed class FullCarPauseTests
{
    private const double MinimumA = 6;
    private const double BaseA = 10;

    // A 3 A margin as the e2e's; the live loop's band.
    private static readonly BalancerSettings Live = Sites.Live() with { SafetyMarginA = 3 };

    [Fact]
    public void A_full_car_on_a_short_site_is_paused_without_waiting_out_its_minimum_run_time_and_its_restart_room_goes_to_the_charging_car()
    {
        // A wants 32 A on a 40 A grid: 40 − 3 − 10 − 0.5 (half band) = 26.5 A for the cars. B is full: it stopped on its own, so
        // it is paused once judged (10 s after its start), not held at its minimum with 6 − 3 = 3 A kept for its restart (A at
        // 23 A) until its minimum run time (60 s) — the real-timing e2e's CP5 held 33 s (docs/control-loop-sessions.md, Sessions 26 and 27).
        var site = new TwoCars(gridA: 40, charging: new Car(32), full: new Car(16) { FullUntil = TimeSpan.MaxValue });
        site.RunUntil(TimeSpan.FromSeconds(40));
        Assert.True(site.LimitA(1) == 0 && site.Reason(1) == AllocationReason.PausedFull, $"B at {site.LimitA(1)} A ({site.Reason(1)}) 40 s after its start at {site.StartedAt(1)}: a full car held for its minimum run time");
        Assert.True(site.PausedAt(1) < site.StartedAt(1) + Live.MinRunTime, $"paused at {site.PausedAt(1)}, started at {site.StartedAt(1)}");
        Assert.True(site.LimitA(0) >= 26, $"A got {site.LimitA(0)} A beside a paused full car (23 A beside one held at its minimum)");

        // It stays paused while A is held back.
        site.RunUntil(TimeSpan.FromMinutes(10));
        Assert.Equal(0, site.LimitA(1));
    }

    [Fact]
    public void A_full_car_on_a_site_with_room_to_spare_stays_at_its_minimum()
    {
        // A wants 16 A of 63 − 3 − 10 = 50: nobody is held back, so the room kept for B costs no one.
        var site = new TwoCars(gridA: 63, charging: new Car(16), full: new Car(16) { FullUntil = TimeSpan.MaxValue });
        site.RunUntil(TimeSpan.FromMinutes(3));
        Assert.Equal(MinimumA, site.LimitA(1));
        Assert.Equal(AllocationReason.Reclaimed, site.Reason(1));
        Assert.Equal(16, site.LimitA(0));
    }

    [Fact]
    public void A_paused_full_car_is_offered_its_minimum_again_after_the_probe_interval_and_paused_again_when_it_takes_nothing()
    {
        var site = new TwoCars(gridA: 40, charging: new Car(32), full: new Car(16) { FullUntil = TimeSpan.MaxValue });
        site.RunUntil(TimeSpan.FromMinutes(2));
        var pausedAt = site.PausedAt(1)!.Value;

        var interval = Live.FullCarProbeInterval!.Value;
        site.RunUntil(pausedAt + interval - TimeSpan.FromSeconds(2));
        Assert.Equal(0, site.LimitA(1));

        // The probe: its minimum, no more, once A's cut has taken effect.
        site.RunUntil(pausedAt + interval + TimeSpan.FromSeconds(5));
        Assert.Equal(MinimumA, site.LimitA(1));
        Assert.True(site.LimitA(0) <= 26.5 - MinimumA, $"A kept {site.LimitA(0)} A beside the probe");

        // It takes nothing: judged again, held its minimum run time (a probe's start is the balancer's), paused again.
        site.RunUntil(pausedAt + interval + TimeSpan.FromSeconds(45));
        Assert.Equal(MinimumA, site.LimitA(1));
        site.RunUntil(pausedAt + interval + TimeSpan.FromSeconds(90));
        Assert.Equal(0, site.LimitA(1));
        Assert.Equal(AllocationReason.PausedFull, site.Reason(1));
    }

    [Fact]
    public void A_paused_full_car_that_wants_current_at_the_probe_charges_again()
    {
        // B's own timer ends at 5 minutes: paused at 0 A it cannot show it; the probe finds it.
        var site = new TwoCars(gridA: 40, charging: new Car(32), full: new Car(16) { FullUntil = TimeSpan.FromMinutes(5) });
        site.RunUntil(TimeSpan.FromMinutes(2));
        var pausedAt = site.PausedAt(1)!.Value;
        Assert.Equal(0, site.LimitA(1));

        site.RunUntil(pausedAt + Live.FullCarProbeInterval!.Value + TimeSpan.FromMinutes(2));
        Assert.True(site.DrawA(1) >= MinimumA, $"B draws {site.DrawA(1)} A");
        Assert.True(site.LimitA(1) > MinimumA, $"B charges at {site.LimitA(1)} A ({site.Reason(1)})");
        Assert.NotEqual(AllocationReason.Reclaimed, site.Reason(1));
    }

    [Fact]
    public void A_paused_full_car_is_offered_its_minimum_again_as_soon_as_the_room_is_free_and_then_kept_there()
    {
        // A wants 32 A for 3 minutes, then only 10 A: from then nobody is held back, and B has its minimum (with its restart room) again.
        var site = new TwoCars(gridA: 40, charging: new Car(32) { LaterMaxA = 10, LaterFrom = TimeSpan.FromMinutes(3) }, full: new Car(16) { FullUntil = TimeSpan.MaxValue });
        site.RunUntil(TimeSpan.FromMinutes(3));
        Assert.Equal(0, site.LimitA(1));

        site.RunUntil(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(10));
        Assert.Equal(MinimumA, site.LimitA(1));
        site.RunUntil(TimeSpan.FromMinutes(8));
        Assert.Equal(MinimumA, site.LimitA(1));
        Assert.Equal(AllocationReason.Reclaimed, site.Reason(1));
    }

    [Fact]
    public void A_paused_full_car_whose_charger_has_not_taken_the_0_is_counted_as_when_it_was_held_there()
    {
        // B's charger refuses 0 A: it holds its 6 A, and B could start on it any time: room is kept for that restart as when B
        // was held at its minimum (6 − 3 A margin), so A gets no more than then (23 A).
        var site = new TwoCars(gridA: 40, charging: new Car(32), full: new Car(16) { FullUntil = TimeSpan.MaxValue, RefusesZero = true });
        site.RunUntil(TimeSpan.FromMinutes(3));
        Assert.Equal(0, site.LimitA(1));
        Assert.True(site.LimitA(0) <= 23, $"A got {site.LimitA(0)} A beside a charger that holds 6 A");
    }

    /// <summary>A car: its maximum; full (draws nothing, whatever it is offered) until <see cref="FullUntil"/> from the start.</summary>
    private sealed record Car(double MaxA)
    {
        public TimeSpan FullUntil { get; init; }

        /// <summary>From <see cref="LaterFrom"/> on it takes no more than this.</summary>
        public double LaterMaxA { get; init; } = double.PositiveInfinity;

        public TimeSpan LaterFrom { get; init; } = TimeSpan.MaxValue;

        /// <summary>Its charger answers a 0 A limit Rejected and keeps the limit it had.</summary>
        public bool RefusesZero { get; init; }
    }

    /// <summary>
    /// Two three-phase cars on one grid with 10 A of other load, allocated every second; a limit is sent when it changes and
    /// confirmed at once (or refused, see <see cref="Car.RefusesZero"/>); a car answers its limit at once.
    /// </summary>
    private sealed class TwoCars
    {
        private readonly FakeTimeProvider _clock = new(Sites.Now);
        private readonly BalancerState _state = new();
        private readonly AllocationResult _result = new();
        private readonly double _gridA;
        private readonly Car[] _cars;
        private readonly double[] _sentA = new double[2];
        private readonly double[] _heldA = new double[2];
        private readonly double[] _drawA = new double[2];
        private readonly DateTimeOffset[] _sentAt = [Sites.Now.AddMinutes(-5), Sites.Now.AddMinutes(-5)];
        private readonly TimeSpan?[] _startedAt = new TimeSpan?[2];
        private readonly TimeSpan?[] _pausedAt = new TimeSpan?[2];

        public TwoCars(double gridA, Car charging, Car full)
        {
            _gridA = gridA;
            _cars = [charging, full];
        }

        public double LimitA(int car) => _result.Connectors[car].LimitA;

        public AllocationReason Reason(int car) => _result.Connectors[car].Reason;

        public double DrawA(int car) => _drawA[car];

        /// <summary>When the car was last started and last paused, from the start of the run.</summary>
        public TimeSpan? StartedAt(int car) => _startedAt[car];

        public TimeSpan? PausedAt(int car) => _pausedAt[car];

        public void RunUntil(TimeSpan t)
        {
            while (_clock.GetUtcNow() - Sites.Now < t)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                Cycle(_clock.GetUtcNow());
            }
        }

        private void Cycle(DateTimeOffset now)
        {
            var elapsed = now - Sites.Now;
            var inputs = new ConnectorInput[2];
            for (var k = 0; k < 2; k++)
            {
                var car = _cars[k];
                var full = elapsed < car.FullUntil;
                var maxA = elapsed >= car.LaterFrom ? Math.Min(car.MaxA, car.LaterMaxA) : car.MaxA;
                _drawA[k] = full || _heldA[k] < MinimumA ? 0 : Math.Min(_heldA[k], maxA);
                var activity = _drawA[k] > 0 ? ConnectorActivity.Charging
                    : full && _heldA[k] >= MinimumA ? ConnectorActivity.SuspendedByCar
                    : ConnectorActivity.SuspendedByController;
                inputs[k] = Sites.Car(k == 0 ? "A" : "B", maxA: car.MaxA, drawA: _drawA[k]) with
                {
                    Activity = activity,
                    MinCurrentA = MinimumA,
                    LastLimitA = _sentA[k],
                    CommittedA = _heldA[k],
                    LastLimitAt = _sentAt[k],
                    MeasuredAt = now,
                };
            }

            var gridDrawA = BaseA + _drawA[0] + _drawA[1];
            var grid = Sites.Grid(_gridA) with { Meter = new NodeMeasurement(PhaseCurrents.All(gridDrawA), now) };
            new FairShareStrategy().Allocate(Sites.Snapshot(Live, [grid], inputs) with { Time = now }, _state, _result);
            for (var k = 0; k < 2; k++)
            {
                var limitA = _result.Connectors[k].LimitA;
                if (Math.Abs(limitA - _sentA[k]) < 1e-9)
                {
                    continue;
                }

                if (limitA > 0 && _sentA[k] <= 0)
                {
                    _startedAt[k] = elapsed;
                }
                else if (limitA <= 0 && _sentA[k] > 0)
                {
                    _pausedAt[k] = elapsed;
                }

                _sentA[k] = limitA;
                _sentAt[k] = now;
                _heldA[k] = limitA <= 0 && _cars[k].RefusesZero ? _heldA[k] : limitA;
            }
        }
    }
}
