namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The latency from a grid-meter reading's timestamp to the setpoints it caused being sent, over a
/// recent window: how many cycles acted on a new reading, and the median, 99th percentile and
/// largest latency among them, in milliseconds.
/// </summary>
public sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double MaxMs, double WindowS);
