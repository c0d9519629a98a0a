namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The latencies of the cycles in the last <c>window</c>, for a summary (p50, p99, max). Loop
/// only. A few dozen samples at most (two readings a second over ten seconds): sorting them per
/// summary costs nothing worth saving.
/// </summary>
internal sealed class LatencyWindow
{
    private readonly Queue<(DateTimeOffset At, double Ms)> _samples = new();

    public void Add(DateTimeOffset at, double ms) => _samples.Enqueue((at, ms));

    /// <summary>The window's summary; null when no reading was acted on in it (the meter silent): no latency is known, not 0 ms.</summary>
    public LatencySummary? Summarize(DateTimeOffset now, TimeSpan window)
    {
        // Older than the window, or newer than now: the wall clock stepped back (an NTP correction), and such samples would
        // otherwise stay until it caught up, the queue growing all the while.
        while (_samples.TryPeek(out var oldest) && (now - oldest.At > window || oldest.At > now))
        {
            _samples.Dequeue();
        }

        if (_samples.Count == 0)
        {
            return null;
        }

        var sorted = _samples.Select(s => s.Ms).Order().ToArray();
        return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1], window.TotalSeconds);
    }

    // Nearest rank: the smallest sample with at least q of the samples at or below it.
    private static double Rank(double[] sorted, double q) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}
