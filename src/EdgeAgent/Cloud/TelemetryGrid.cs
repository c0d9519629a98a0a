namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The grid part of telemetry; <c>currentA</c> is null while the grid meter is unknown.</summary>
public sealed record TelemetryGrid(double[]? CurrentA, double LimitA, bool Fallback);
