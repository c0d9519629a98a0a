namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>
/// Builds a random but valid site from a seed: a circuit tree of up to eight nodes, chargers on any
/// rotation with 1-, 2- and 3-phase cars, mixed steps and priorities, and — as the features allow —
/// meters with uncontrolled load, stale data, power limits, curtailment and imbalance limits.
/// </summary>
internal static class RandomSites
{
    private static readonly ConnectorActivity[] Activities =
    [
        ConnectorActivity.Charging, ConnectorActivity.Charging, ConnectorActivity.Charging, ConnectorActivity.CarConnected,
        ConnectorActivity.SuspendedByCar, ConnectorActivity.SuspendedByController, ConnectorActivity.Available, ConnectorActivity.Faulted,
    ];

    private static readonly double[] StepsA = [1, 1, 0.1, 0];

    public static SiteSnapshot Build(int seed, SiteFeatures features)
    {
        var random = new Random(seed);
        var settings = new BalancerSettings
        {
            SafetyMarginA = random.Next(0, 6),
            FallbackCurrentA = random.Next(0, 100),
            ReclaimEnabled = false,
        };

        var nodes = new CircuitNode[random.Next(1, 9)];
        for (var k = 0; k < nodes.Length; k++)
        {
            var levelA = k == 0 ? random.Next(20, 251) : random.Next(6, 151);
            nodes[k] = new CircuitNode
            {
                Id = "n" + k,
                ParentIndex = k == 0 ? -1 : random.Next(0, k),
                MaxCurrentA = new PhaseCurrents(levelA, levelA - random.Next(0, 6), levelA - random.Next(0, 6)),
                MaxPowerKw = features.HasFlag(SiteFeatures.PowerAndCurtailment) && random.NextDouble() < 0.3 ? random.Next(5, 150) : null,
                MaxImbalanceA = features.HasFlag(SiteFeatures.Imbalance) && random.NextDouble() < 0.5 ? random.Next(4, 30) : null,
            };
        }

        var connectors = new ConnectorInput[random.Next(0, 26)];
        for (var i = 0; i < connectors.Length; i++)
        {
            connectors[i] = RandomConnector(random, i, nodes.Length, features);
        }

        if (features.HasFlag(SiteFeatures.Meters))
        {
            AddMeters(random, nodes, connectors, features);
        }

        var constraints = SiteConstraints.None;
        if (features.HasFlag(SiteFeatures.PowerAndCurtailment))
        {
            constraints = new SiteConstraints
            {
                SiteCapKw = random.NextDouble() < 0.3 ? random.Next(0, 100) : null,
                PerChargerCapKw = random.NextDouble() < 0.3 ? (random.NextDouble() < 0.5 ? 4.2 : 11) : null,
                EmergencyStop = random.NextDouble() < 0.05,
            };
        }

        return new SiteSnapshot { Time = Sites.Now, Nodes = nodes, Connectors = connectors, Settings = settings, Constraints = constraints };
    }

    private static ConnectorInput RandomConnector(Random random, int i, int nodeCount, SiteFeatures features)
    {
        var wired = random.NextDouble() < 0.3 ? 1 : 3;
        var carPhases = wired == 1 ? 1 : random.Next(1, 4);
        var minA = random.NextDouble() < 0.1 ? 0 : 6;
        var maxA = random.Next(Math.Max(1, minA), 33);
        var drawA = random.NextDouble() * maxA;
        var measured = new PhaseCurrents(drawA, carPhases >= 2 ? drawA : random.NextDouble() * 0.5, carPhases == 3 ? drawA : random.NextDouble() * 0.5);
        var stale = features.HasFlag(SiteFeatures.StaleData) && random.NextDouble() < 0.1;
        return new ConnectorInput
        {
            Id = "c" + i,

            // Chargers of two connectors (c0 and c1 on one charger, c2 alone, c3 and c4 on one, …).
            ChargerId = i % 3 == 2 ? null : "cp" + (i / 3),
            CircuitIndex = random.Next(0, nodeCount),
            Rotation = (PhaseRotation)random.Next(0, 6),
            WiredPhases = wired,
            MinCurrentA = minA,
            MaxCurrentA = maxA,
            StepA = StepsA[random.Next(StepsA.Length)],
            Activity = Activities[random.Next(Activities.Length)],
            MeasuredCurrentA = measured,
            MeasuredAt = stale && random.NextDouble() < 0.5 ? Sites.Now.AddMinutes(-5) : Sites.Now,
            IsStale = stale && random.NextDouble() < 0.5,
            LastLimitA = random.Next(0, maxA + 1),
            LastLimitAt = Sites.Now.AddMinutes(-10),
            FailsafeCurrentA = random.Next(0, 17),
            PriorityClass = random.Next(0, 3),
            SessionEnergyWh = random.Next(0, 50_000),
            SessionStartedAt = Sites.Now.AddMinutes(-random.Next(1, 600)),
        };
    }

    private static void AddMeters(Random random, CircuitNode[] nodes, ConnectorInput[] connectors, SiteFeatures features)
    {
        for (var k = 0; k < nodes.Length; k++)
        {
            if (random.NextDouble() < 0.4)
            {
                continue;
            }

            // A meter sees the connectors below it on their grid phases, plus some load nobody controls.
            var perPhase = new double[3];
            foreach (var connector in connectors)
            {
                if (IsBelow(nodes, connector.CircuitIndex, k))
                {
                    for (var c = 0; c < connector.WiredPhases; c++)
                    {
                        perPhase[connector.Rotation.GridPhase(c)] += connector.MeasuredCurrentA[c];
                    }
                }
            }

            var reading = new PhaseCurrents(perPhase[0] + random.Next(0, 30), perPhase[1] + random.Next(0, 30), perPhase[2] + random.Next(0, 30));
            var stale = features.HasFlag(SiteFeatures.StaleData) && random.NextDouble() < 0.15;
            nodes[k] = nodes[k] with { Meter = new NodeMeasurement(reading, stale ? Sites.Now.AddSeconds(-10) : Sites.Now, IsStale: stale && random.NextDouble() < 0.5) };
        }
    }

    public static bool IsBelow(CircuitNode[] nodes, int node, int ancestor)
    {
        for (var k = node; k >= 0; k = nodes[k].ParentIndex)
        {
            if (k == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
