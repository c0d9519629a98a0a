namespace ChargeNet.Drivers.Simulation;

/// <summary>
/// A car's charging physics: it follows the offered current after a lag, never above its own
/// limit, and tapers as its battery fills.
/// </summary>
public sealed class SimulatedCar
{
    /// <summary>The time constant of the car's response to a new pilot: about 2 s to settle.</summary>
    public static readonly TimeSpan ResponseTime = TimeSpan.FromSeconds(2);

    /// <summary>Above this state of charge the car takes less and less current.</summary>
    public const double TaperStartSoc = 0.8;

    /// <summary>Below this many amperes on offer a car does not charge (IEC 61851-1).</summary>
    public const double MinimumPilotA = 6;

    public SimulatedCar(CarProfile profile, double stateOfCharge, string idTag, double voltageV = 230)
    {
        Profile = profile;
        StateOfCharge = Math.Clamp(stateOfCharge, 0, 1);
        IdTag = idTag;
        VoltageV = voltageV;
    }

    public CarProfile Profile { get; }

    public string IdTag { get; }

    public double VoltageV { get; }

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

    /// <summary>Advances the car by <paramref name="elapsed"/> with <paramref name="offeredA"/> on the pilot; returns the energy taken in Wh.</summary>
    public double Step(TimeSpan elapsed, double offeredA)
    {
        var seconds = elapsed.TotalSeconds;
        if (seconds <= 0)
        {
            return 0;
        }

        var target = offeredA < MinimumPilotA ? 0 : Math.Min(offeredA, AcceptableA);

        // First-order lag toward the target; a drop of the pilot is followed at the same rate, as
        // real cars do within the 5 s IEC 61851-1 allows.
        var alpha = 1 - Math.Exp(-seconds / ResponseTime.TotalSeconds);
        DrawnA += (target - DrawnA) * alpha;
        if (DrawnA < 0.05)
        {
            DrawnA = 0;
        }

        var energyWh = DrawnA * VoltageV * Profile.Phases * seconds / 3600.0;
        StateOfCharge = Math.Min(1, StateOfCharge + (energyWh / Profile.BatteryWh));
        return energyWh;
    }
}
