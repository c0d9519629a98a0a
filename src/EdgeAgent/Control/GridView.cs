namespace ChargeNet.EdgeAgent.Control;

/// <summary>The grid connection as last measured.</summary>
/// <param name="CurrentA">Measured current on L1, L2, L3; null while the grid meter is unknown.</param>
/// <param name="LimitA">The per-phase limit in force (the fuse, or the fallback current).</param>
/// <param name="Fallback">True while the grid meter is silent, failing or frozen.</param>
/// <param name="MeasuredAt">When the reading was taken.</param>
public sealed record GridView(double[]? CurrentA, double LimitA, bool Fallback, DateTimeOffset? MeasuredAt)
{
    /// <summary>
    /// The load the loop planned around as nobody's to set, per phase: the reading less the cars' estimated
    /// draw, plus what connectors it cannot trust are counted at (docs/control-loop.md, "Estimating the
    /// load nobody controls"). Why the cars get what they get; null before the first cycle.
    /// </summary>
    public double[]? UncontrolledA { get; init; }

    /// <summary>
    /// The per-phase current the loop aims at on the grid with its meter read: the limit less the safety margin, so that a
    /// short overshoot stays under the fuse (docs/configuration.md, <c>grid.safetyMarginA</c>). Null in the fallback.
    /// </summary>
    public double? TargetA { get; init; }

    /// <summary>
    /// Per phase, the most the circuits below the grid leave the cars (each circuit's limit less the margin and its load
    /// nobody controls, the least along each path, summed over the branches); null when a charger hangs on the grid itself.
    /// </summary>
    public double[]? CircuitRoomA { get; init; }
}
