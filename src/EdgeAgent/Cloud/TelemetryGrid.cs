namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The grid part of telemetry; <c>currentA</c> is null while the grid meter is unknown.</summary>
public sealed record TelemetryGrid(double[]? CurrentA, double LimitA, bool Fallback)
{
    /// <summary>The load the loop planned around as nobody's to set, per phase (docs/control-loop.md); null when not estimated.</summary>
    public double[]? UncontrolledA { get; init; }
}
