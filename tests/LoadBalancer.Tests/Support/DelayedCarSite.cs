namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>
/// A 63 A grid with a 3 A margin whose meter reads a base load plus what its <see cref="DelayedCar"/>s draw, balanced as the
/// live loop does (one fair-share allocation a cycle, the loop's settings): the site of the unsure-base tests.
/// </summary>
/// <param name="fallbackA">The cars' fallback current while the meter is silent.</param>
internal sealed class DelayedCarSite(DelayedCar[] cars, TimeSpan responseTime, TimeSpan cycle, double fallbackA = 0)
{
    public const double FuseA = 63;

    private readonly FairShareStrategy _strategy = new();
    private readonly BalancerState _state = new();

    /// <summary>The loop's settings (SiteModel): a band of 1 A, a settle time of the response time plus a cycle, the response time.</summary>
    public BalancerSettings Settings { get; } = Sites.Settings(marginA: 3, fallbackA: fallbackA) with
    {
        ChangeBandA = 1,
        ChangeSettleTime = responseTime + cycle,
        VehicleResponseTime = responseTime,
        RaiseReadingMaxAge = TimeSpan.FromSeconds(1),
        ConnectorDataMaxAge = TimeSpan.MaxValue,
    };

    /// <summary>Each cycle so far: the grid, each car's band and its limit.</summary>
    public List<string> Trace { get; } = [];

    /// <summary>
    /// Cycles from <see cref="Sites.Now"/> for <paramref name="length"/>, sending each allocation to the cars and asserting the
    /// fuse every cycle: each pause sent (car id, seconds in) and the trace. The meter is silent (its reading marked stale)
    /// where <paramref name="silentAt"/> says so.
    /// </summary>
    public (List<(string Id, double AtS)> Paused, string Trace) Run(TimeSpan length, Func<double, double> baseAt, Func<double, bool>? silentAt = null)
    {
        var paused = new List<(string, double)>();
        for (var now = Sites.Now; now <= Sites.Now + length; now += cycle)
        {
            var t = (now - Sites.Now).TotalSeconds;
            var (gridA, result) = Cycle(now, baseAt(t), t, silentAt?.Invoke(t) ?? false);
            for (var k = 0; k < cars.Length; k++)
            {
                var limitA = result.Connectors[k].LimitA;
                if (limitA <= 0 && cars[k].Sent[^1].LimitA > 0)
                {
                    paused.Add((cars[k].Id, t));
                }

                cars[k].Send(now, limitA);
            }

            Assert.True(gridA <= FuseA, $"the grid read {gridA:0.0} A at {t} s\n" + string.Join("\n", Trace));
        }

        return (paused, string.Join("\n", Trace));
    }

    /// <summary>One cycle at <paramref name="now"/> (<paramref name="t"/> s into the case): returns the grid's reading and the allocation; the limits are not sent.</summary>
    public (double GridA, AllocationResult Result) Cycle(DateTimeOffset now, double baseA, double t, bool silent = false)
    {
        var gridA = baseA + cars.Sum(car => car.DrawA(now));
        var grid = Sites.Grid(FuseA) with { Meter = new NodeMeasurement(PhaseCurrents.All(gridA), now, IsStale: silent) };
        var snapshot = Sites.Snapshot(Settings, [grid], [.. cars.Select(car => car.Input(now))]) with { Time = now };
        var result = new AllocationResult();
        _strategy.Allocate(snapshot, _state, result);
        Trace.Add(FormattableString.Invariant($"{t:0.0} grid {gridA:0.0}{(silent ? " silent" : "")} ") + string.Join(" | ", Enumerable.Range(0, cars.Length).Select(k => FormattableString.Invariant($"{cars[k].Id} m{snapshot.Connectors[k].MeasuredCurrentA.L1A:0.0} h{snapshot.Connectors[k].MeasuredCurrentHighA?.L1A:0.0} -> {result.Connectors[k].LimitA:0.0} {result.Connectors[k].Reason}"))));
        return (gridA, result);
    }
}
