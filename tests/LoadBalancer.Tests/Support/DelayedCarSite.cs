namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>
/// A 63 A grid with a 3 A margin whose meter reads a base load plus what its <see cref="DelayedCar"/>s draw, balanced as the
/// live loop does (one fair-share allocation a cycle, the loop's settings): the site of the unsure-base tests.
/// </summary>
internal sealed class DelayedCarSite(DelayedCar[] cars, TimeSpan responseTime, TimeSpan cycle)
{
    public const double FuseA = 63;

    private readonly FairShareStrategy _strategy = new();
    private readonly BalancerState _state = new();

    /// <summary>The loop's settings (SiteModel): a band of 1 A, a settle time of the response time plus a cycle, the response time.</summary>
    public BalancerSettings Settings { get; } = Sites.Settings(marginA: 3) with
    {
        ChangeBandA = 1,
        ChangeSettleTime = responseTime + cycle,
        VehicleResponseTime = responseTime,
        RaiseReadingMaxAge = TimeSpan.FromSeconds(1),
        ConnectorDataMaxAge = TimeSpan.MaxValue,
    };

    /// <summary>Each cycle so far: the grid, each car's band and its limit.</summary>
    public List<string> Trace { get; } = [];

    /// <summary>One cycle at <paramref name="now"/> (<paramref name="t"/> s into the case): returns the grid's reading and the allocation; the limits are not sent.</summary>
    public (double GridA, AllocationResult Result) Cycle(DateTimeOffset now, double baseA, double t)
    {
        var gridA = baseA + cars.Sum(car => car.DrawA(now));
        var grid = Sites.Grid(FuseA) with { Meter = new NodeMeasurement(PhaseCurrents.All(gridA), now) };
        var snapshot = Sites.Snapshot(Settings, [grid], [.. cars.Select(car => car.Input(now))]) with { Time = now };
        var result = new AllocationResult();
        _strategy.Allocate(snapshot, _state, result);
        Trace.Add(FormattableString.Invariant($"{t:0.0} grid {gridA:0.0} ") + string.Join(" | ", Enumerable.Range(0, cars.Length).Select(k => FormattableString.Invariant($"{cars[k].Id} m{snapshot.Connectors[k].MeasuredCurrentA.L1A:0.0} h{snapshot.Connectors[k].MeasuredCurrentHighA?.L1A:0.0} -> {result.Connectors[k].LimitA:0.0} {result.Connectors[k].Reason}"))));
        return (gridA, result);
    }
}
