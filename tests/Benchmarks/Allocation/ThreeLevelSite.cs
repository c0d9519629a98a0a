using ChargeNet.LoadBalancer;

namespace ChargeNet.Benchmarks;

/// <summary>
/// A site for the benchmark: grid connection → 10 distribution boards → 10 feeders each, the
/// connectors spread over the 100 feeders; a third of the cars 1-phase, chargers on the three
/// rotations, metered grid and boards, and capacity short enough that every rule has work to do.
/// </summary>
internal static class ThreeLevelSite
{
    public static SiteSnapshot Build(int connectors)
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var random = new Random(42);
        var nodes = new List<CircuitNode>
        {
            new() { Id = "grid", MaxCurrentA = PhaseCurrents.All(Math.Max(63, connectors * 8.0)), Meter = new NodeMeasurement(PhaseCurrents.All(connectors * 4.0), now) },
        };
        for (var board = 0; board < 10; board++)
        {
            nodes.Add(new CircuitNode { Id = $"board-{board}", ParentIndex = 0, MaxCurrentA = PhaseCurrents.All(Math.Max(32, connectors * 1.2)) });
        }

        for (var feeder = 0; feeder < 100; feeder++)
        {
            nodes.Add(new CircuitNode { Id = $"feeder-{feeder}", ParentIndex = 1 + (feeder / 10), MaxCurrentA = PhaseCurrents.All(Math.Max(16, connectors * 0.15)) });
        }

        var inputs = new ConnectorInput[connectors];
        for (var i = 0; i < connectors; i++)
        {
            var onePhase = i % 3 == 0;
            var drawA = random.Next(0, 17);
            inputs[i] = new ConnectorInput
            {
                Id = $"cp-{i}",
                CircuitIndex = 11 + (i % 100),
                Rotation = (PhaseRotation)(i % 3),
                MaxCurrentA = 32,
                StepA = i % 2 == 0 ? 1 : 0.1,
                Activity = i % 10 == 9 ? ConnectorActivity.Available : ConnectorActivity.Charging,
                MeasuredCurrentA = onePhase ? new PhaseCurrents(drawA, 0, 0) : PhaseCurrents.All(drawA),
                MeasuredAt = now,
                LastLimitA = 16,
                LastLimitAt = now.AddMinutes(-1),
                PriorityClass = i % 7 == 0 ? 1 : 0,
                SessionEnergyWh = random.Next(0, 30_000),
                SessionStartedAt = now.AddMinutes(-random.Next(1, 600)),
            };
        }

        return new SiteSnapshot
        {
            Time = now,
            Nodes = [.. nodes],
            Connectors = inputs,
            Settings = new BalancerSettings { SafetyMarginA = 2, FallbackCurrentA = 32 },
        };
    }
}
