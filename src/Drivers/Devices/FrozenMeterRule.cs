namespace ChargeNet.Drivers.Devices;

/// <summary>
/// The one rule for a frozen meter, used by the Modbus meter driver and by the control loop's grid
/// watch: a meter whose instantaneous values — every phase current, voltage and power and the total
/// power, compared exactly — have not changed for <c>frozenAfter</c> while current flows is a stuck
/// device or a gateway serving a cache, and its reading is unknown. A live meter's measurements never
/// repeat bit for bit for long while current flows; an idle one (below <see cref="FlowingCurrentA"/>
/// on all phases together) may, unless the caller knows current should flow (its chargers draw).
/// The energy counter is left out: at a low load it legitimately stands still for minutes.
/// Once two readings in a row are identical, the time counts from the meter's last sign of life — the last
/// reading that still showed other values, when it came at most <see cref="MaxLookBack"/> before the first
/// identical one (a meter read at its pace) — not from the first of the identical ones: the values may have
/// stood still since just after it, and the loop's fallback must not start up to a poll period late
/// (docs/control-loop.md, "Failsafes"). After a longer gap (the meter was away) the first identical reading
/// is the start. A meter whose last reading moved is not frozen, however old it is (that is a silent meter,
/// judged by the reading's age).
/// Immutable: <see cref="Observe"/> returns the next state, so one writer can swap it whole.
/// </summary>
public sealed record FrozenMeterRule
{
    /// <summary>Below this sum of |phase currents| an unchanging meter is plausible (nothing flows).</summary>
    public const double FlowingCurrentA = 0.5;

    /// <summary>The longest gap between two readings over which a change is dated back to the earlier one.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromSeconds(1);

    /// <summary>The driver's default time to call identical values frozen (ModbusDeviceOptions.FrozenAfter).</summary>
    public static readonly TimeSpan DefaultFrozenAfter = TimeSpan.FromSeconds(10);

    private FrozenMeterRule(MeterReading? last, DateTimeOffset unchangedSince, bool repeated)
    {
        Last = last;
        UnchangedSince = unchangedSince;
        Repeated = repeated;
    }

    /// <summary>Nothing observed yet.</summary>
    public static FrozenMeterRule Start { get; } = new(null, DateTimeOffset.MinValue, repeated: false);

    /// <summary>The last reading observed.</summary>
    public MeterReading? Last { get; }

    /// <summary>
    /// Since when the values may have been the same as in <see cref="Last"/>: the time of the last reading with other
    /// values (they changed after it) when it came at most <see cref="MaxLookBack"/> earlier, else of the first
    /// reading with these values.
    /// </summary>
    public DateTimeOffset UnchangedSince { get; }

    /// <summary>Whether the values of <see cref="Last"/> came at least twice in a row: only then can the meter be frozen.</summary>
    public bool Repeated { get; }

    /// <summary>The state after <paramref name="reading"/>.</summary>
    public FrozenMeterRule Observe(MeterReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        // A reading older than the last (the wall clock stepped back) starts the count again: timed from a moment the clock
        // has not reached again, values standing still would be called frozen only as late as the step.
        return Last is null || reading.Timestamp < Last.Timestamp ? new(reading, reading.Timestamp, repeated: false)
            : SameValues(Last, reading) ? new(reading, UnchangedSince, repeated: true)
            : new(reading, reading.Timestamp - Last.Timestamp <= MaxLookBack ? Last.Timestamp : reading.Timestamp, repeated: false);
    }

    /// <summary>Since when the meter is frozen at <paramref name="now"/>, or null when it is not.</summary>
    /// <param name="now">The time of the judgement.</param>
    /// <param name="frozenAfter">How long identical values may last before they count as frozen.</param>
    /// <param name="currentExpected">True when the caller knows current flows (chargers behind the meter draw): then an idle-looking meter is judged too.</param>
    public DateTimeOffset? FrozenSince(DateTimeOffset now, TimeSpan frozenAfter, bool currentExpected = false)
    {
        if (Last is null || !Repeated || now - UnchangedSince < frozenAfter)
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
