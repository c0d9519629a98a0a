using BenchmarkDotNet.Attributes;
using ChargeNet.LoadBalancer;

namespace ChargeNet.Benchmarks;

/// <summary>One allocation of the fair-share strategy on a 3-level tree, after warm-up.</summary>
[MemoryDiagnoser]
public class AllocationBenchmark
{
    private readonly FairShareStrategy _strategy = new();
    private readonly BalancerState _state = new();
    private readonly AllocationResult _result = new();
    private SiteSnapshot _snapshot = null!;

    [Params(10, 100, 1_000, 10_000)]
    public int Connectors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = ThreeLevelSite.Build(Connectors);
        _strategy.Allocate(_snapshot, _state, _result);
    }

    [Benchmark]
    public double Allocate()
    {
        _strategy.Allocate(_snapshot, _state, _result);
        return _result.Connectors[0].LimitA;
    }
}
