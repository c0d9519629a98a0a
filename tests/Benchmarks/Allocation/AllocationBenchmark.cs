using BenchmarkDotNet.Attributes;
using ChargeNet.LoadBalancer;

namespace ChargeNet.Benchmarks;

/// <summary>
/// One allocation of the fair-share strategy on a 3-level tree, after warm-up, beside a fixed piece of
/// reference work (sorting 4,096 numbers) timed in the same run: on a machine shared with other builds
/// the absolute times vary with the load, the ratio to the reference much less.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmark
{
    private readonly FairShareStrategy _strategy = new();
    private readonly BalancerState _state = new();
    private readonly AllocationResult _result = new();
    private readonly double[] _referenceInput = new double[4_096];
    private readonly double[] _referenceWork = new double[4_096];
    private SiteSnapshot _snapshot = null!;

    [Params(10, 100, 1_000, 10_000)]
    public int Connectors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = ThreeLevelSite.Build(Connectors);
        _strategy.Allocate(_snapshot, _state, _result);
        var random = new Random(7);
        for (var i = 0; i < _referenceInput.Length; i++)
        {
            _referenceInput[i] = random.NextDouble();
        }
    }

    [Benchmark(Baseline = true)]
    public double Reference()
    {
        _referenceInput.CopyTo(_referenceWork, 0);
        Array.Sort(_referenceWork);
        return _referenceWork[0];
    }

    [Benchmark]
    public double Allocate()
    {
        _strategy.Allocate(_snapshot, _state, _result);
        return _result.Connectors[0].LimitA;
    }
}
