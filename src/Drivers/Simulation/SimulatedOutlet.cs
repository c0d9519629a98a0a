using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Simulation;

/// <summary>
/// A socket of a simulated charger and the car plugged into it, if any. Thread-safe: the site's
/// clock steps it while protocol simulators read it and set the offered current; each offer is stamped
/// with that clock's time, since the car answers it only after its dead time.
/// </summary>
public sealed class SimulatedOutlet : ISimulatedOutlet
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private SimulatedCar? _car;
    private double _offeredA;
    private double _energyWh;

    public SimulatedOutlet(TimeProvider time, double initialOfferedA = 0)
    {
        _time = time;
        _offeredA = initialOfferedA;
    }

    public ConnectorState State
    {
        get
        {
            lock (_lock)
            {
                if (_car is null)
                {
                    return ConnectorState.Available;
                }

                if (_car.DrawnA > 0.5)
                {
                    return ConnectorState.Charging;
                }

                if (_offeredA < SimulatedCar.MinimumPilotA)
                {
                    return ConnectorState.SuspendedByController;
                }

                return _car.IsFull ? ConnectorState.SuspendedByCar : ConnectorState.CarConnected;
            }
        }
    }

    public PhaseValues CurrentA
    {
        get
        {
            lock (_lock)
            {
                if (_car is null)
                {
                    return PhaseValues.Zero;
                }

                var a = _car.DrawnA;
                return _car.Profile.Phases == 1 ? new PhaseValues(a, 0, 0) : new PhaseValues(a, a, a);
            }
        }
    }

    public double EnergyWh
    {
        get
        {
            lock (_lock)
            {
                return _energyWh;
            }
        }
    }

    public string? IdTag
    {
        get
        {
            lock (_lock)
            {
                return _car?.IdTag;
            }
        }
    }

    public double OfferedA
    {
        get
        {
            lock (_lock)
            {
                return _offeredA;
            }
        }

        set
        {
            lock (_lock)
            {
                _offeredA = Math.Max(0, value);
                _car?.Offer(_time.GetUtcNow(), _offeredA);
            }
        }
    }

    /// <summary>The car plugged in, or null.</summary>
    public SimulatedCar? Car
    {
        get
        {
            lock (_lock)
            {
                return _car;
            }
        }
    }

    public void PlugIn(SimulatedCar car)
    {
        lock (_lock)
        {
            _car = car;
            car.Offer(_time.GetUtcNow(), _offeredA);
        }
    }

    public void Unplug()
    {
        lock (_lock)
        {
            _car = null;
        }
    }

    /// <summary>Advances the car to <paramref name="now"/>.</summary>
    public void Step(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_car is not null)
            {
                _energyWh += _car.Step(now);
            }
        }
    }
}
