using System.Diagnostics;
using System.Globalization;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;
using ChargeNet.SiteSimulator;

namespace ChargeNet.Benchmarks.LoopLatency;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- loop [seconds]</c>: the real control loop on
/// the system clock over simulated devices that answer at once (the chargers' own response time is
/// not the loop's), with 20, 200 and 1,000 connectors, every car plugged in. The grid meter is read
/// every 0.1 s (the fastest a configuration allows), so each size gives ten samples a second of the
/// latency from the meter reading's timestamp to the setpoints sent.
/// </summary>
public static class LoopBench
{
    private static readonly int[] Sizes = [20, 200, 1000];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 20;
        Console.WriteLine($"control loop: meter reading -> setpoints sent, {seconds} s per size, {Environment.ProcessorCount} cores");
        Console.WriteLine("connectors  cycles  p50 ms  p99 ms  max ms  mean cycle ms  CPU % of one core");
        foreach (var size in Sizes)
        {
            await RunOneAsync(size, TimeSpan.FromSeconds(seconds));
        }

        return 0;
    }

    private static async Task RunOneAsync(int connectors, TimeSpan duration)
    {
        var time = TimeProvider.System;
        var site = SiteOf(connectors);
        var simulated = new SimulatedSite(new SimulatedSiteOptions { Seed = 1, InitialOccupancy = 1.0, MinStay = TimeSpan.FromHours(5), MaxStay = TimeSpan.FromHours(6) }, time);
        await using var rig = await LoopRig.StartAsync(site, new SimulatedDeviceFactory(simulated, time), time, new FairShareStrategy());
        var loop = rig.Loop;

        var latencies = new List<double>();
        var cycleMs = new List<double>();
        var measuring = false;
        loop.CycleCompleted += status =>
        {
            if (Volatile.Read(ref measuring) && status.LatencyMs is { } ms)
            {
                latencies.Add(ms);
                cycleMs.Add(status.CycleMs);
            }
        };

        using var stop = new CancellationTokenSource();
        using var physics = new Timer(_ => simulated.Step(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await loop.StartAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3)); // warm-up: JIT, the cars' first setpoints

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
        await stop.CancelAsync();
        await loop.StopAsync(CancellationToken.None);

        var sorted = latencies.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{connectors,10}  {sorted.Length,6}  {Rank(sorted, 0.50),6:0.00}  {Rank(sorted, 0.99),6:0.00}  {sorted[^1],6:0.00}  {cycleMs.Average(),13:0.00}  {cpu,17:0.0}"));
    }

    private static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    // One grid connection, ten sub-circuits, single-connector 3-phase chargers of 6–32 A spread over
    // them with rotated wiring; the grid gives about 10 A per connector, so the balancer has to share.
    private static SiteConfiguration SiteOf(int connectors)
    {
        var gridA = Math.Max(100, connectors * 10.0);
        var circuits = Enumerable.Range(1, 10).Select(i => new CircuitSettings { Id = $"c{i}", MaxCurrentA = gridA / 5 }).ToList();
        string[] rotations = ["L1L2L3", "L2L3L1", "L3L1L2"];
        return new SiteConfiguration
        {
            SiteId = "bench",
            Grid = new GridSettings { MaxCurrentA = gridA, SafetyMarginA = 5, Meter = "grid", FallbackCurrentA = gridA / 3 },
            Circuits = circuits,
            Meters = [new MeterSettings { Id = "grid", Driver = KnownDrivers.Simulated, PollIntervalS = 0.1 }],
            Chargers = [.. Enumerable.Range(1, connectors).Select(i => new ChargerSettings
            {
                Id = $"cp{i:0000}",
                Protocol = ChargerProtocols.Simulated,
                Circuit = circuits[i % circuits.Count].Id,
                PhaseRotation = rotations[i % 3],
                MinCurrentA = 6,
                MaxCurrentA = 32,
                FailsafeCurrentA = 6,
            })],
        };
    }
}
