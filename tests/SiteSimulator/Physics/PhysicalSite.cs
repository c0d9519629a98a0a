namespace ChargeNet.SiteSimulator;

/// <summary>
/// The site's ground truth: every car's draw on the grid phases it is wired to, summed per circuit
/// and at the grid connection, with the building's base load on top at the grid connection. The
/// devices report from it, the score measures it.
/// </summary>
public sealed class PhysicalSite
{
    private readonly double[,] _carsA;

    public PhysicalSite(IReadOnlyList<CircuitNode> nodes, IReadOnlyList<SimConnector> connectors, BaseLoad baseLoad, double voltageV)
    {
        Nodes = nodes;
        Connectors = connectors;
        BaseLoad = baseLoad;
        VoltageV = voltageV;
        _carsA = new double[nodes.Count, 3];
        CircuitLoadA = new double[nodes.Count];
    }

    public IReadOnlyList<CircuitNode> Nodes { get; }

    public IReadOnlyList<SimConnector> Connectors { get; }

    public BaseLoad BaseLoad { get; }

    public double VoltageV { get; }

    /// <summary>What each limit request became, in order.</summary>
    public CommandJournal Journal { get; } = new();

    /// <summary>The time of the last <see cref="Step"/>.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The cars' current on <paramref name="phase"/> through <paramref name="node"/>.</summary>
    public double CarsA(int node, int phase) => _carsA[node, phase];

    /// <summary>
    /// Load nobody controls on each circuit under the grid connection, per phase (the same on every phase);
    /// the grid connection carries it too.
    /// </summary>
    public double[] CircuitLoadA { get; }

    /// <summary>The load the loop does not control, per phase, through <paramref name="node"/>: the building's base load and every circuit's own at the grid connection.</summary>
    public double UncontrolledA(int node, int phase) => node == 0 ? BaseLoad.A(phase, Now) + CircuitLoadA.Sum() : CircuitLoadA[node];

    /// <summary>The whole current on <paramref name="phase"/> through <paramref name="node"/>.</summary>
    public double ActualA(int node, int phase) => CarsA(node, phase) + UncontrolledA(node, phase);

    public void Step(DateTimeOffset now, TimeSpan dt)
    {
        Now = now;
        Array.Clear(_carsA);
        foreach (var connector in Connectors)
        {
            connector.Step(now, dt, VoltageV);
            var phases = connector.ChargerPhaseA;
            for (var i = 0; i < 3; i++)
            {
                var a = phases[i];
                if (a != 0)
                {
                    _carsA[connector.CircuitNode, connector.GridPhaseOf[i]] += a;
                }
            }
        }

        // Children after parents: summing from the last node up carries each subtree to its parent.
        for (var node = Nodes.Count - 1; node > 0; node--)
        {
            for (var p = 0; p < 3; p++)
            {
                _carsA[Nodes[node].Parent, p] += _carsA[node, p];
            }
        }
    }
}
