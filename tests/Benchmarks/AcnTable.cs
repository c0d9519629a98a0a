using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.Benchmarks;

/// <summary>Prints the comparison table of the README's model, our strategies beside the published figures.</summary>
internal static class AcnTable
{
    public static void Write(IReadOnlyList<(string Name, IReadOnlyList<SimulationMetrics> Runs)> table, TextWriter output)
    {
        output.WriteLine("ACN model (one aggregate limit on pilots, 208 V, 5-min periods, 27 capacities 10-150 kW)");
        output.WriteLine("| method | mean % | at 10 kW | at 20 kW | fully served (mean) | Jain (mean) | peak / limit (max) | s above limit | capacity used when short (mean) |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        output.WriteLine("| Round robin (README) | 95.433 | 55.27 | 81.13 | | | | | |");
        output.WriteLine("| First come, first served (README) | 95.578 | 55.42 | 82.06 | | | | | |");
        output.WriteLine("| Earliest deadline first (README) | 96.705 | 58.49 | 87.55 | | | | | |");
        output.WriteLine("| Least laxity first (README) | 96.845 | 58.81 | 88.21 | | | | | |");
        output.WriteLine("| Offline optimum (README, the ceiling) | 96.891 | 59.11 | 88.57 | | | | | |");
        foreach (var (name, runs) in table)
        {
            var at10 = runs.First(r => r.CapacityKw == 10);
            var at20 = runs.First(r => r.CapacityKw == 20);
            output.WriteLine(
                $"| {name} | {runs.Average(r => r.DeliveredPercent):F3} | {at10.DeliveredPercent:F2} | {at20.DeliveredPercent:F2} | " +
                $"{100 * runs.Average(r => r.FullyServedShare):F1} % | {runs.Average(r => r.JainIndex):F3} | {runs.Max(r => r.PeakCurrentA / r.LimitA):F3} | " +
                $"{runs.Sum(r => r.SecondsAboveLimit):F0} | {100 * runs.Average(r => r.CapacityUsedWhenShortShare):F1} % |");
        }
    }
}
