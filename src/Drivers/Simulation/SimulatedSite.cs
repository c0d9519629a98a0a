using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Simulation;

/// <summary>
/// The physical side of a simulated parking site: chargers wired to the grid with their phase
/// rotations, cars arriving, charging and leaving, and the building's base load. Protocol
/// simulators read it; <see cref="Step"/> moves it forward on the site's clock.
/// </summary>
public sealed class SimulatedSite
{
    private readonly Lock _lock = new();
    private readonly SimulatedSiteOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Random _deadTimes;
    private readonly List<SimulatedChargerWiring> _chargers = [];
    private readonly Dictionary<SimulatedOutlet, DateTimeOffset> _departures = [];
    private DateTimeOffset _lastStep;
    private int _carsSoFar;
    private bool _started;

    public SimulatedSite(SimulatedSiteOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _random = new Random(options.Seed);
        // A stream of its own: the dead times' range moves no arrival, stay or car of a seed.
        _deadTimes = new Random(unchecked((options.Seed * 31) + 1));
        BaseLoad = new BaseLoadProfile(options.BaseLoadNightA, options.BaseLoadDayA, options.Seed);
        _lastStep = time.GetUtcNow();
    }

    /// <summary>Raised (under no lock) when a car plugs in or leaves: (charger id, connector id, car, arrived).</summary>
    public event Action<string, int, SimulatedCar, bool>? CarMoved;

    /// <summary>Raised (under no lock) after every step, for simulators that mirror the site into registers.</summary>
    public event Action? Stepped;

    public BaseLoadProfile BaseLoad { get; }

    public double VoltageV => _options.VoltageV;

    public IReadOnlyList<SimulatedChargerWiring> Chargers
    {
        get
        {
            lock (_lock)
            {
                return _chargers.ToList();
            }
        }
    }

    /// <summary>The building's load as last stepped, without the chargers.</summary>
    public PhaseValues BaseLoadA { get; private set; }

    /// <summary>Adds a charger with <paramref name="connectors"/> outlets, wired per <paramref name="gridPhaseOfChargerPhase"/>.</summary>
    public SimulatedChargerWiring AddCharger(string chargerId, IReadOnlyList<int> gridPhaseOfChargerPhase, int connectors = 1)
    {
        var wiring = new SimulatedChargerWiring(
            chargerId,
            gridPhaseOfChargerPhase,
            Enumerable.Range(0, connectors).Select(_ => new SimulatedOutlet(_time)).ToList());
        lock (_lock)
        {
            _chargers.Add(wiring);
        }

        return wiring;
    }

    /// <summary>The charger <paramref name="chargerId"/> if it is wired already, else a new one as <see cref="AddCharger"/> makes.</summary>
    public SimulatedChargerWiring GetOrAddCharger(string chargerId, IReadOnlyList<int> gridPhaseOfChargerPhase, int connectors = 1)
    {
        lock (_lock)
        {
            return _chargers.FirstOrDefault(w => w.ChargerId == chargerId) ?? AddCharger(chargerId, gridPhaseOfChargerPhase, connectors);
        }
    }

    /// <summary>What the grid meter measures now: the base load plus every car on its grid phases.</summary>
    public PhaseValues GridCurrentA
    {
        get
        {
            lock (_lock)
            {
                return BaseLoadA + ChargersCurrentA();
            }
        }
    }

    /// <summary>Moves the site forward to the clock's now: cars charge, arrive and leave.</summary>
    public void Step()
    {
        var moved = new List<(string, int, SimulatedCar, bool)>();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var elapsed = now - _lastStep;
            _lastStep = now;
            BaseLoadA = BaseLoad.At(now.ToLocalTime());
            if (!_started)
            {
                _started = true;
                SeatInitialCars(now, moved);
            }

            if (elapsed > TimeSpan.Zero)
            {
                foreach (var charger in _chargers)
                {
                    for (var c = 0; c < charger.Outlets.Count; c++)
                    {
                        var outlet = charger.Outlets[c];
                        outlet.Step(now);
                        MoveCars(charger, c, outlet, now, elapsed, moved);
                    }
                }
            }
        }

        foreach (var (charger, connector, car, arrived) in moved)
        {
            CarMoved?.Invoke(charger, connector, car, arrived);
        }

        Stepped?.Invoke();
    }

    private void SeatInitialCars(DateTimeOffset now, List<(string, int, SimulatedCar, bool)> moved)
    {
        foreach (var charger in _chargers)
        {
            for (var c = 0; c < charger.Outlets.Count; c++)
            {
                if (_random.NextDouble() < _options.InitialOccupancy)
                {
                    Arrive(charger, c, now, moved);
                }
            }
        }
    }

    private void MoveCars(
        SimulatedChargerWiring charger,
        int index,
        SimulatedOutlet outlet,
        DateTimeOffset now,
        TimeSpan elapsed,
        List<(string, int, SimulatedCar, bool)> moved)
    {
        if (outlet.Car is { } car)
        {
            if (_departures.TryGetValue(outlet, out var leaveAt) && now >= leaveAt)
            {
                outlet.Unplug();
                _departures.Remove(outlet);
                moved.Add((charger.ChargerId, index + 1, car, false));
            }

            return;
        }

        // Arrivals form a Poisson process: the chance of one in this step is 1 - e^(-dt/mean).
        var chance = 1 - Math.Exp(-elapsed.TotalSeconds / _options.MeanTimeBetweenArrivals.TotalSeconds);
        if (_random.NextDouble() < chance)
        {
            Arrive(charger, index, now, moved);
        }
    }

    private void Arrive(SimulatedChargerWiring charger, int index, DateTimeOffset now, List<(string, int, SimulatedCar, bool)> moved)
    {
        var profile = _options.Cars[_random.Next(_options.Cars.Count)];
        var deadTime = _options.MinDeadTime + ((_options.MaxDeadTime - _options.MinDeadTime) * _deadTimes.NextDouble());
        var car = new SimulatedCar(profile, 0.15 + (_random.NextDouble() * 0.6), $"TAG{1000 + (++_carsSoFar % 9000)}", deadTime, _options.VoltageV);
        var stay = _options.MinStay + ((_options.MaxStay - _options.MinStay) * _random.NextDouble());
        var outlet = charger.Outlets[index];
        outlet.PlugIn(car);
        _departures[outlet] = now + stay;
        moved.Add((charger.ChargerId, index + 1, car, true));
    }

    private PhaseValues ChargersCurrentA()
    {
        Span<double> grid = stackalloc double[3];
        foreach (var charger in _chargers)
        {
            foreach (var outlet in charger.Outlets)
            {
                var current = outlet.CurrentA;
                for (var phase = 0; phase < 3; phase++)
                {
                    grid[charger.GridPhaseOfChargerPhase[phase]] += current[phase];
                }
            }
        }

        return new PhaseValues(grid[0], grid[1], grid[2]);
    }
}
