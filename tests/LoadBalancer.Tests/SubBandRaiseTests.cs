using ChargeNet.LoadBalancer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// Raises smaller than the change band are never sent, so room shared out among many cars in pieces under a band went unused:
/// on the real-timing e2e four cars each about 0.67 A under their share left 2.6 A a phase idle. The pieces are gathered into
/// whole bands, one car after another, while the room no reservation holds takes a band whole (docs/control-loop-sessions.md,
/// Session 24, "Gathering the raises under the band").
/// </summary>
public sealed class SubBandRaiseTests
{
    private const double GridA = 80;
    private const double MarginA = 3;

    private static readonly BalancerSettings Live = Sites.Live() with { SafetyMarginA = MarginA };

    [Fact]
    public void Room_shared_out_under_a_band_per_car_is_gathered_into_whole_bands_without_passing_the_limit_or_churning()
    {
        // Four three-phase cars at 12 A; the cars' room is 80 − 3 − 0.5 (half band) − 25.8 = 50.7 A a phase: a share of 12.67 A,
        // 0.67 A over what each has — under the band, so main never raises anyone and 2.7 A a phase stays idle.
        var site = new Cars(count: 4, startA: 12, baseA: 25.8);
        site.RunFor(TimeSpan.FromMinutes(2));

        var totalA = site.TotalLimitA();
        Assert.True(totalA >= 50 - 1e-9, $"the cars hold {totalA:0.0} A of 50.7 A of room (48 A with every raise under the band withheld)");
        Assert.True(site.MaxGridA() <= GridA - MarginA + 1e-9, $"the grid read {site.MaxGridA():0.00} A");

        // Each car raised at most once, by a band; and the limits then stand.
        Assert.All(site.Changes(), changes => Assert.InRange(changes, 0, 1));
        var before = site.Changes().Sum();
        site.RunFor(TimeSpan.FromMinutes(5));
        Assert.Equal(before, site.Changes().Sum());
    }

    [Fact]
    public void The_gathered_band_is_given_only_where_a_whole_band_of_room_is_free()
    {
        // A share 0.3 A over each car's 12 A: 1.2 A a phase of room, one band; a second car would pass the targets' room.
        var site = new Cars(count: 4, startA: 12, baseA: 80 - MarginA - 0.5 - (4 * 12.3));
        site.RunFor(TimeSpan.FromMinutes(2));
        Assert.Equal(49, site.TotalLimitA(), 6);
    }

    /// <summary>
    /// Identical three-phase cars wanting 32 A on one metered grid with steady other load, allocated every second; a limit is sent
    /// when it changes, confirmed at once, and the car draws it at once.
    /// </summary>
    private sealed class Cars
    {
        private readonly FakeTimeProvider _clock = new(Sites.Now);
        private readonly BalancerState _state = new();
        private readonly AllocationResult _result = new();
        private readonly double _baseA;
        private readonly double[] _limitA;
        private readonly DateTimeOffset[] _sentAt;
        private readonly int[] _changes;
        private double _maxGridA;

        public Cars(int count, double startA, double baseA)
        {
            _baseA = baseA;
            _limitA = Enumerable.Repeat(startA, count).ToArray();
            _sentAt = Enumerable.Repeat(Sites.Now.AddMinutes(-5), count).ToArray();
            _changes = new int[count];
        }

        public double TotalLimitA() => _limitA.Sum();

        public double MaxGridA() => _maxGridA;

        public int[] Changes() => _changes;

        public void RunFor(TimeSpan span)
        {
            var end = _clock.GetUtcNow() + span;
            while (_clock.GetUtcNow() < end)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                Cycle(_clock.GetUtcNow());
            }
        }

        private void Cycle(DateTimeOffset now)
        {
            var inputs = new ConnectorInput[_limitA.Length];
            for (var k = 0; k < inputs.Length; k++)
            {
                inputs[k] = Sites.Car($"C{k}", drawA: _limitA[k], stepA: 0.1) with
                {
                    MinCurrentA = 6,
                    LastLimitA = _limitA[k],
                    CommittedA = _limitA[k],
                    LastLimitAt = _sentAt[k],
                    MeasuredAt = now,
                };
            }

            var gridDrawA = _baseA + _limitA.Sum();
            _maxGridA = Math.Max(_maxGridA, gridDrawA);
            var grid = Sites.Grid(GridA) with { Meter = new NodeMeasurement(PhaseCurrents.All(gridDrawA), now) };
            new FairShareStrategy().Allocate(Sites.Snapshot(Live, [grid], inputs) with { Time = now }, _state, _result);
            for (var k = 0; k < inputs.Length; k++)
            {
                var limitA = _result.Connectors[k].LimitA;
                if (Math.Abs(limitA - _limitA[k]) > 1e-9)
                {
                    _limitA[k] = limitA;
                    _sentAt[k] = now;
                    _changes[k]++;
                }
            }
        }
    }
}
