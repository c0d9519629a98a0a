namespace ChargeNet.Drivers.Devices;

/// <summary>
/// The one rule for a frozen meter, used by the Modbus meter driver and by the control loop's grid
/// watch: a meter whose instantaneous values — every phase current, voltage and power and the total
/// power, compared exactly — have not changed for <c>frozenAfter</c> while current flows is a stuck
/// device or a gateway serving a cache, and its reading is unknown. A live meter's measurements never
/// repeat bit for bit for long while current flows; an idle one (below <see cref="FlowingCurrentA"/>
/// on all phases together) may, unless the caller knows current should flow (its chargers draw).
/// The energy counter is left out: at a low load it legitimately stands still for minutes.
/// Immutable: <see cref="Observe"/> returns the next state, so one writer can swap it whole.
/// </summary>
public sealed record FrozenMeterRule
{
    /// <summary>Below this sum of |phase currents| an unchanging meter is plausible (nothing flows).</summary>
    public const double FlowingCurrentA = 0.5;

    /// <summary>The driver's default time to call identical values frozen (ModbusDeviceOptions.FrozenAfter).</summary>
    public static readonly TimeSpan DefaultFrozenAfter = TimeSpan.FromSeconds(10);

    private FrozenMeterRule(MeterReading? last, DateTimeOffset unchangedSince)
    {
        Last = last;
        UnchangedSince = unchangedSince;
    }

    /// <summary>Nothing observed yet.</summary>
    public static FrozenMeterRule Start { get; } = new(null, DateTimeOffset.MinValue);

    /// <summary>The last reading observed.</summary>
    public MeterReading? Last { get; }

    /// <summary>Since when the values are the same as in <see cref="Last"/>.</summary>
    public DateTimeOffset UnchangedSince { get; }

    /// <summary>The state after <paramref name="reading"/>.</summary>
    public FrozenMeterRule Observe(MeterReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return Last is not null && SameValues(Last, reading) ? new(reading, UnchangedSince) : new(reading, reading.Timestamp);
    }

    /// <summary>Since when the meter is frozen at <paramref name="now"/>, or null when it is not.</summary>
    /// <param name="now">The time of the judgement.</param>
    /// <param name="frozenAfter">How long identical values may last before they count as frozen.</param>
    /// <param name="currentExpected">True when the caller knows current flows (chargers behind the meter draw): then an idle-looking meter is judged too.</param>
    public DateTimeOffset? FrozenSince(DateTimeOffset now, TimeSpan frozenAfter, bool currentExpected = false)
    {
        if (Last is null || now - UnchangedSince < frozenAfter)
        {
            return null;
        }

        var flowing = Math.Abs(Last.CurrentA.L1) + Math.Abs(Last.CurrentA.L2) + Math.Abs(Last.CurrentA.L3) >= FlowingCurrentA;
        return flowing || currentExpected ? UnchangedSince : null;
    }

    /// <summary>Whether two readings carry exactly the same instantaneous values (their times and energy counters aside).</summary>
    public static bool SameValues(MeterReading a, MeterReading b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.CurrentA == b.CurrentA && a.VoltageV == b.VoltageV && a.PowerW == b.PowerW && a.TotalPowerW.Equals(b.TotalPowerW);
    }
}
