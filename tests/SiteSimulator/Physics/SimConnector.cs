using ChargeNet.Drivers.Devices;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// One outlet of a charger: the limit the charger enforces (at once, when it accepts one), the car on
/// it if any, and its wiring — which grid phase each of the charger's phases is on, and its circuit.
/// </summary>
public sealed class SimConnector
{
    public SimConnector(int index, string chargerId, int connectorId, int[] gridPhaseOf, int circuitNode, double initialOfferedA)
    {
        Index = index;
        ChargerId = chargerId;
        ConnectorId = connectorId;
        GridPhaseOf = gridPhaseOf;
        CircuitNode = circuitNode;
        OfferedA = initialOfferedA;
    }

    /// <summary>The connector's place in the site's list.</summary>
    public int Index { get; }

    public string ChargerId { get; }

    public int ConnectorId { get; }

    /// <summary>The grid phase (0–2) of the charger's L1, L2, L3.</summary>
    public IReadOnlyList<int> GridPhaseOf { get; }

    /// <summary>The index of the circuit node it is fed from (0 is the grid connection).</summary>
    public int CircuitNode { get; }

    /// <summary>The current the charger offers the car now.</summary>
    public double OfferedA { get; private set; }

    public SimCar? Car { get; private set; }

    public double EnergyWh { get; private set; }

    /// <summary>The charger's own limit before anyone set one (its default, up to its maximum): what a car plugged before the loop's first limit takes.</summary>
    public void OfferAtStart(double limitA) => OfferedA = limitA;

    /// <summary>The charger enforces a new limit.</summary>
    public void Enforce(DateTimeOffset now, double limitA)
    {
        OfferedA = limitA;
        Car?.Offer(now, limitA);
    }

    public void Plug(DateTimeOffset now, SimCar car)
    {
        Car = car;
        car.Offer(now, OfferedA);
    }

    public void Unplug() => Car = null;

    public void Step(DateTimeOffset now, TimeSpan dt, double voltageV)
    {
        if (Car is not { } car)
        {
            return;
        }

        car.Step(now);
        EnergyWh += car.DrawA * car.Phases * voltageV * dt.TotalHours;
    }

    /// <summary>The current on each of the charger's own phases (before rotation).</summary>
    public PhaseValues ChargerPhaseA => Car switch
    {
        null => PhaseValues.Zero,
        { Phases: 1 } car => new PhaseValues(car.DrawA, 0, 0),
        var car => new PhaseValues(car.DrawA, car.DrawA, car.DrawA),
    };

    /// <summary>How many of the charger's phases the car loads, from L1 on.</summary>
    public int CarPhases => Car?.Phases ?? 0;

    /// <summary>What the connector would report as its state now.</summary>
    public ConnectorState State => Car switch
    {
        null => ConnectorState.Available,
        { SessionEnded: true } => ConnectorState.CarConnected, // OCPP 1.6 Finishing: the transaction ended, the car still plugged in
        { Full: true } => ConnectorState.SuspendedByCar,
        _ when OfferedA < SimCar.MinimumA => ConnectorState.SuspendedByController,
        _ => ConnectorState.Charging,
    };
}
