namespace ChargeNet.SiteSimulator;

/// <summary>How a Modbus-like charger answers its polls.</summary>
public sealed record ModbusBehaviour
{
    public TimeSpan AnswerTime { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The share of reads answered after the loop's read timeout.</summary>
    public double LateShare { get; init; }

    /// <summary>The share of reads never answered.</summary>
    public double SilentShare { get; init; }

    /// <summary>Reports a state register value the driver cannot map (Unavailable) while the car charges.</summary>
    public bool ReportsUnmappedState { get; init; }

    /// <summary>Reports a NaN current and a 1e308 Wh energy counter (a float register of 0x7FC00000 and worse).</summary>
    public bool ReportsImpossibleValues { get; init; }
}
