namespace ChargeNet.Drivers.Simulation;

/// <summary>
/// A car's charging physics as IEC 61851-1 lets a car behave (docs/control-loop.md, "The car follows, after a
/// dead time"): it follows the offered current after a dead time, as a pure delay — its draw at t is set by the
/// offer in force at t − dead time —, draws nothing under 6 A on offer, never more than its own limit, and
/// tapers as its battery fills.
/// </summary>
public sealed class SimulatedCar
{
    /// <summary>Above this state of charge the car takes less and less current.</summary>
    public const double TaperStartSoc = 0.8;

    /// <summary>Below this many amperes on offer a car does not charge (IEC 61851-1).</summary>
    public const double MinimumPilotA = 6;

    private readonly Queue<(DateTimeOffset At, double OfferedA)> _offers = new();
    private double _lastOfferedA = double.NaN;
    private double _seenA;
    private DateTimeOffset? _lastStep;

    public SimulatedCar(CarProfile profile, double stateOfCharge, string idTag, TimeSpan deadTime, double voltageV = 230)
    {
        Profile = profile;
        StateOfCharge = Math.Clamp(stateOfCharge, 0, 1);
        IdTag = idTag;
        DeadTime = deadTime < TimeSpan.Zero ? TimeSpan.Zero : deadTime;
        VoltageV = voltageV;
    }

    public CarProfile Profile { get; }

    public string IdTag { get; }

    public double VoltageV { get; }

    /// <summary>How long after a new offer the car draws what it offers.</summary>
    public TimeSpan DeadTime { get; }

    /// <summary>0 to 1.</summary>
    public double StateOfCharge { get; private set; }

    /// <summary>What the car draws now on each of its phases.</summary>
    public double DrawnA { get; private set; }

    public bool IsFull => StateOfCharge >= 0.999;

    /// <summary>What the car would take now if offered without limit: its own maximum, tapered near full.</summary>
    public double AcceptableA => IsFull
        ? 0
        : StateOfCharge <= TaperStartSoc
            ? Profile.MaxCurrentA
            : Math.Max(MinimumPilotA * 0.5, Profile.MaxCurrentA * (1 - StateOfCharge) / (1 - TaperStartSoc));

    /// <summary>The pilot offers <paramref name="offeredA"/> from <paramref name="at"/> on; the car answers it a dead time later.</summary>
    public void Offer(DateTimeOffset at, double offeredA)
    {
        _lastStep ??= at;
        if (offeredA != _lastOfferedA)
        {
            _offers.Enqueue((at, offeredA));
            _lastOfferedA = offeredA;
        }
    }

    /// <summary>Advances the car to <paramref name="now"/>; returns the energy taken since its last step, in Wh.</summary>
    public double Step(DateTimeOffset now)
    {
        var seconds = _lastStep is { } last ? (now - last).TotalSeconds : 0;
        if (seconds <= 0)
        {
            _lastStep ??= now;
            return 0;
        }

        _lastStep = now;
        while (_offers.Count > 0 && _offers.Peek().At <= now - DeadTime)
        {
            _seenA = _offers.Dequeue().OfferedA;
        }

        DrawnA = _seenA < MinimumPilotA ? 0 : Math.Min(_seenA, AcceptableA);
        var energyWh = DrawnA * VoltageV * Profile.Phases * seconds / 3600.0;
        StateOfCharge = Math.Min(1, StateOfCharge + (energyWh / Profile.BatteryWh));
        return energyWh;
    }
}
