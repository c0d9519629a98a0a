namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>A meter: the grid connection's or a circuit's.</summary>
public sealed record MeterSettings
{
    public string Id { get; init; } = "";

    /// <summary>The device template (e.g. <c>eastron-sdm630</c>), or <c>simulated</c> in demo mode.</summary>
    public string Driver { get; init; } = "";

    public ModbusEndpointSettings? Modbus { get; init; }

    /// <summary>How often the meter is read; default 0.5 s.</summary>
    public double? PollIntervalS { get; init; }
}
