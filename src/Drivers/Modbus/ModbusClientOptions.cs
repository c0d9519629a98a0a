namespace ChargeNet.Drivers.Modbus;

/// <summary>How patient a <see cref="ModbusClient"/> is.</summary>
public sealed record ModbusClientOptions
{
    /// <summary>How long to wait for each reply.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a request that failed transiently is sent again.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>The pause before the first retry; it doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a silent unit (two requests in a row unanswered) is left alone before it is asked again; it
    /// doubles with each further unanswered request, up to <see cref="SilentUnitMaxBackoff"/>.
    /// </summary>
    public TimeSpan SilentUnitBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest a silent unit is left alone: how late a unit that answers again is seen to.</summary>
    public TimeSpan SilentUnitMaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public static ModbusClientOptions Default { get; } = new();
}
