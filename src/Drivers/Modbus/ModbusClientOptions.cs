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

    public static ModbusClientOptions Default { get; } = new();
}
