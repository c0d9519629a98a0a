using System.Diagnostics;
using System.Globalization;
using ChargeNet.LoadBalancer;

namespace ChargeNet.Benchmarks;

/// <summary>
/// `-- allocate [calls-per-size [sizes, e.g. 10,1000]]`: many allocations of each strategy on the 3-level tree, timed with a
/// Stopwatch, best-of-batches (the least disturbed by other processes on a shared machine) and median,
/// the CPU time the process used per call (not inflated by waiting for a core on a busy machine) and
/// the bytes allocated per call after warm-up. A quick check beside BenchmarkDotNet's figures.
/// </summary>
internal static class AllocationLoop
{
    private const int Batches = 15;

    public static int Run(string[] args, TextWriter output)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine("| connectors | best µs/call | median µs/call | CPU µs/call | bytes/call |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        var sizes = args.Length > 1 ? Array.ConvertAll(args[1].Split(','), s => int.Parse(s, CultureInfo.InvariantCulture)) : [10, 100, 1_000, 10_000];
        foreach (var n in sizes)
        {
            var snapshot = ThreeLevelSite.Build(n);
            var strategy = new FairShareStrategy();
            var state = new BalancerState();
            var result = new AllocationResult();
            // Warm-up for a second, so the tiered JIT has optimised the hot path before anything is timed.
            var warmUp = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(warmUp) < TimeSpan.FromSeconds(1))
            {
                strategy.Allocate(snapshot, state, result);
            }

            var perBatch = Math.Max(1, calls / Batches * 1_000 / Math.Max(n, 1_000));
            var times = new double[Batches];
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            for (var b = 0; b < Batches; b++)
            {
                // Timestamps, not a Stopwatch object: the loop itself allocates nothing either.
                var started = Stopwatch.GetTimestamp();
                for (var c = 0; c < perBatch; c++)
                {
                    strategy.Allocate(snapshot, state, result);
                }

                times[b] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / perBatch;
            }

            var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / (Batches * perBatch);
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / (double)(Batches * perBatch);
            Array.Sort(times);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {times[0]:F1} | {times[Batches / 2]:F1} | {cpu:F1} | {bytes:F0} |"));
        }

        output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }
}
