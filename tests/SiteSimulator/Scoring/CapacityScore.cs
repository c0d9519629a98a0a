namespace ChargeNet.SiteSimulator;

/// <summary>
/// Property 2, in steady state: Σ cars' draw over Σ over phases of what they could have drawn. What
/// they could have drawn on a phase of a circuit is the least of its room (limit − margin − its
/// uncontrolled load) and what its cars and sub-circuits could take, taken up the tree to the grid.
/// </summary>
internal sealed class CapacityScore(ScoreContext context)
{
    private readonly double[,] _couldA = new double[context.Site.Nodes.Count, 3];
    private double _drawnAs;
    private double _couldAs;
    private double _steadyS;

    public void Observe(DateTimeOffset now, TimeSpan dt)
    {
        if (!context.IsSteady(now))
        {
            return;
        }

        var site = context.Site;
        Array.Clear(_couldA);
        foreach (var connector in site.Connectors)
        {
            if (connector.Car is not { } car)
            {
                continue;
            }

            var want = car.WantA(now);
            for (var i = 0; i < car.Phases; i++)
            {
                _couldA[connector.CircuitNode, connector.GridPhaseOf[i]] += want;
            }
        }

        for (var node = site.Nodes.Count - 1; node >= 0; node--)
        {
            for (var p = 0; p < 3; p++)
            {
                var room = Math.Max(0, site.Nodes[node].LimitA - context.MarginA - site.UncontrolledA(node, p));
                _couldA[node, p] = Math.Min(room, _couldA[node, p]);
                if (node > 0)
                {
                    _couldA[site.Nodes[node].Parent, p] += _couldA[node, p];
                }
            }
        }

        var seconds = dt.TotalSeconds;
        for (var p = 0; p < 3; p++)
        {
            _drawnAs += site.CarsA(0, p) * seconds;
            _couldAs += _couldA[0, p] * seconds;
        }

        _steadyS += seconds;
    }

    public SiteFigures Fill(SiteFigures figures) => figures with
    {
        CapacityUse = _couldAs > 0 ? _drawnAs / _couldAs : null,
        SteadySeconds = _steadyS,
    };
}
