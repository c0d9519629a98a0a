namespace ChargeNet.SiteSimulator;

/// <summary>
/// Property 2, in steady state: Σ cars' draw over Σ over phases of what they could have drawn. What
/// they could have drawn on a phase of a circuit is the least of its room (limit − margin − its
/// uncontrolled load) and what its cars and sub-circuits could take, taken up the tree to the grid.
/// Scored twice: as the issue words it, each car taking its maximum on each of its phases whatever its
/// other phases leave; and with each car taking at most the least room on any of its phases, since a
/// car draws the same current on every phase it uses (a +60 A step on one phase leaves the room on the
/// other two to one-phase cars only): what a perfect controller could give them (see <see cref="CouldCoupled"/>).
/// </summary>
internal sealed class CapacityScore(ScoreContext context)
{
    private readonly double[,] _couldA = new double[context.Site.Nodes.Count, 3];
    private readonly double[,] _roomA = new double[context.Site.Nodes.Count, 3];
    private readonly SimConnector[] _byPhases = [.. context.Site.Connectors];
    private double _drawnAs;
    private double _couldAs;
    private double _couldCoupledAs;
    private double _steadyS;
    private double _drawnSettledAs;
    private double _couldSettledAs;
    private double _settledS;
    private double _couldFloorAs;
    private readonly double[] _drawnByWindowAs = new double[3];
    private readonly double[] _couldByWindowAs = new double[3];

    public void Observe(DateTimeOffset now, TimeSpan dt)
    {
        if (!context.IsSteady(now))
        {
            return;
        }

        var site = context.Site;
        var seconds = dt.TotalSeconds;
        var couldAs = Could(now, coupled: false) * seconds;
        _couldAs += couldAs;
        _couldCoupledAs += Could(now, coupled: true) * seconds;
        _couldFloorAs += CouldPerPhase(now, SimCar.MinimumA) * seconds;
        var drawnAs = 0.0;
        for (var p = 0; p < 3; p++)
        {
            drawnAs += site.CarsA(0, p) * seconds;
        }

        _drawnAs += drawnAs;
        var window = (int)context.WindowOf(now);
        _drawnByWindowAs[window] += drawnAs;
        _couldByWindowAs[window] += couldAs;

        _steadyS += seconds;
        if (context.IsSettled(now))
        {
            _drawnSettledAs += drawnAs;
            _couldSettledAs += couldAs;
            _settledS += seconds;
        }
    }

    public SiteFigures Fill(SiteFigures figures) => figures with
    {
        CapacityUse = _couldAs > 0 ? _drawnAs / _couldAs : null,
        CapacityUseCoupled = _couldCoupledAs > 0 ? _drawnAs / _couldCoupledAs : null,
        SteadySeconds = _steadyS,
        CapacityUseSettled = _couldSettledAs > 0 ? _drawnSettledAs / _couldSettledAs : null,
        SettledSeconds = _settledS,
        CapacityUseAboveMinimum = _couldFloorAs > 0 ? _drawnAs / _couldFloorAs : null,
        CapacityUseByWindow = [.. _couldByWindowAs.Select((could, w) => could > 0 ? _drawnByWindowAs[w] / could : (double?)null)],
    };

    // Σ over the grid's phases of what the cars could draw there now.
    private double Could(DateTimeOffset now, bool coupled) => coupled ? CouldCoupled(now) : CouldPerPhase(now, 0);

    // Σ over the grid's phases of min(room, what the cars want) up the tree; where that is under floorA on a node
    // phase, nothing (a car draws nothing under its 6 A minimum, so less room than that no car can use).
    private double CouldPerPhase(DateTimeOffset now, double floorA)
    {
        var site = context.Site;
        Array.Clear(_couldA);
        foreach (var connector in site.Connectors)
        {
            if (connector.Car is { } car)
            {
                for (var i = 0; i < car.Phases; i++)
                {
                    _couldA[connector.CircuitNode, connector.GridPhaseOf[i]] += car.WantA(now);
                }
            }
        }

        var total = 0.0;
        for (var node = site.Nodes.Count - 1; node >= 0; node--)
        {
            for (var p = 0; p < 3; p++)
            {
                var room = Math.Max(0, site.Nodes[node].LimitA - context.MarginA - site.UncontrolledA(node, p));
                _couldA[node, p] = Math.Min(room, _couldA[node, p]) is var couldA && couldA >= floorA ? couldA : 0;
                if (node > 0)
                {
                    _couldA[site.Nodes[node].Parent, p] += _couldA[node, p];
                }
                else
                {
                    total += _couldA[node, p];
                }
            }
        }

        return total;
    }

    // A perfect controller's share: the cars on most phases first, each given what the room left on every
    // phase it uses, up every circuit to the grid, allows (the same current on each of its phases) — the
    // most on one circuit, since a three-phase ampere uses room that one-phase cars could only use once.
    private double CouldCoupled(DateTimeOffset now)
    {
        var site = context.Site;
        for (var node = 0; node < site.Nodes.Count; node++)
        {
            for (var p = 0; p < 3; p++)
            {
                _roomA[node, p] = Math.Max(0, site.Nodes[node].LimitA - context.MarginA - site.UncontrolledA(node, p));
            }
        }

        Array.Sort(_byPhases, (a, b) => (b.Car?.Phases ?? 0).CompareTo(a.Car?.Phases ?? 0));
        var total = 0.0;
        foreach (var connector in _byPhases)
        {
            if (connector.Car is not { } car)
            {
                continue;
            }

            var giveA = car.WantA(now);
            for (var node = connector.CircuitNode; node >= 0; node = site.Nodes[node].Parent)
            {
                for (var i = 0; i < car.Phases; i++)
                {
                    giveA = Math.Min(giveA, _roomA[node, connector.GridPhaseOf[i]]);
                }
            }

            for (var node = connector.CircuitNode; node >= 0; node = site.Nodes[node].Parent)
            {
                for (var i = 0; i < car.Phases; i++)
                {
                    _roomA[node, connector.GridPhaseOf[i]] -= giveA;
                }
            }

            total += giveA * car.Phases;
        }

        return total;
    }
}
