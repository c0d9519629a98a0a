using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.Benchmarks;

/// <summary>Prints the comparison in our own per-phase model, with lagging cars and with ideal ones.</summary>
internal static class PhaseModelTable
{
    public static void Write(IReadOnlyList<ChargingSession> sessions, IEnumerable<(IAllocationStrategy Strategy, bool Departures, TimeSpan? AssumedStay)> contenders, TextWriter output)
    {
        output.WriteLine($"Per-phase model (3 × 230 V, two feeders of 60 %, building base load, 1- and 3-phase cars, taper; capacities {string.Join(", ", PhaseModel.StandardCapacitiesKw)} kW)");
        output.WriteLine("| method | delivered % (mean) | fully served | Jain | peak / limit (max) | s above any limit, 2 s lag | s above any limit, ideal cars | capacity used when short |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (strategy, departures, assumedStay) in contenders)
        {
            var lagging = PhaseModel.StandardCapacitiesKw
                .Select(kw => PhaseModelSimulator.Run(sessions, strategy, new PhaseModel(kw, departures) { AssumedStay = assumedStay }))
                .ToList();
            var idealAboveS = PhaseModel.StandardCapacitiesKw
                .Sum(kw => PhaseModelSimulator.Run(sessions, strategy, new PhaseModel(kw, departures) { AssumedStay = assumedStay, Lag = TimeSpan.Zero }).SecondsAboveLimit);
            output.WriteLine(
                $"| {lagging[0].Strategy} | {lagging.Average(r => r.DeliveredPercent):F2} | {100 * lagging.Average(r => r.FullyServedShare):F1} % | " +
                $"{lagging.Average(r => r.JainIndex):F3} | {lagging.Max(r => r.PeakCurrentA / r.LimitA):F3} | {lagging.Sum(r => r.SecondsAboveLimit):F0} | " +
                $"{idealAboveS:F0} | {100 * lagging.Average(r => r.CapacityUsedWhenShortShare):F1} % |");
        }
    }
}
