using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.Benchmarks;

/// <summary>Prints the comparison in our own per-phase model (placeholder until the model lands).</summary>
internal static class PhaseModelTable
{
    public static void Write(IReadOnlyList<ChargingSession> sessions, IEnumerable<(IAllocationStrategy Strategy, bool Departures, TimeSpan? AssumedStay)> contenders, TextWriter output)
    {
        _ = sessions;
        _ = contenders;
        output.WriteLine("per-phase model: not yet");
    }
}
