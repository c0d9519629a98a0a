namespace ChargeNet.Drivers.Modbus;

/// <summary>How a template-based Modbus driver polls and judges its device.</summary>
public sealed record ModbusDeviceOptions
{
    /// <summary>Default polling period of a grid or sub-circuit meter.</summary>
    public static readonly TimeSpan MeterPollPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>Default polling period of a charger.</summary>
    public static readonly TimeSpan ChargerPollPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How often the device is polled by a <see cref="DevicePoller{T}"/>.</summary>
    public TimeSpan PollPeriod { get; init; } = MeterPollPeriod;

    /// <summary>A reading older than this is stale (default: three poll periods).</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>Values unchanged for this long while current flows mean a frozen meter (<see cref="Devices.FrozenMeterRule"/>).</summary>
    public TimeSpan FrozenAfter { get; init; } = Devices.FrozenMeterRule.DefaultFrozenAfter;

    /// <summary>A read that takes longer than this makes the device degraded (default: one poll period).</summary>
    public TimeSpan? SlowAfter { get; init; }

    /// <summary>Failed reads in a row (one per poll period) after which the device counts as lost.</summary>
    public int LostAfterFailures { get; init; } = 3;

    public ModbusClientOptions Client { get; init; } = ModbusClientOptions.Default;

    public TimeSpan EffectiveStaleAfter => StaleAfter ?? PollPeriod * 3;

    public TimeSpan EffectiveSlowAfter => SlowAfter ?? PollPeriod;

    /// <summary>Why a read that took <paramref name="elapsed"/> counts as slow, or null when it does not.</summary>
    public string? SlowReason(TimeSpan elapsed) =>
        elapsed > EffectiveSlowAfter ? $"slow: a read took {elapsed.TotalMilliseconds:F0} ms (more than {EffectiveSlowAfter.TotalMilliseconds:F0} ms)" : null;

    public static ModbusDeviceOptions ForMeter { get; } = new();

    public static ModbusDeviceOptions ForCharger { get; } = new() { PollPeriod = ChargerPollPeriod };
}
