namespace ChargeNet.LoadBalancer.Peak;

/// <summary>
/// The billed peak of a series of site power readings under a <see cref="PowerTariff"/>, month by
/// month (docs/load-balancing.md, "Peak target"). Each reading holds from its time until the next
/// one; the last holds for <paramref name="lastFor"/>. A window with no reading counts as 0 W.
/// </summary>
public static class BilledPeakCalculator
{
    /// <summary>The billed peak of every month the readings touch, oldest first.</summary>
    public static IReadOnlyList<MonthlyPeak> Compute(PowerTariff tariff, IEnumerable<(DateTimeOffset At, double PowerW)> readings, TimeSpan lastFor)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var tracker = new PeakTracker(tariff);
        (DateTimeOffset At, double PowerW)? previous = null;
        foreach (var reading in readings)
        {
            if (previous is { } p)
            {
                if (reading.At < p.At)
                {
                    throw new ArgumentException($"readings must be in time order: {reading.At:O} comes after {p.At:O}", nameof(readings));
                }

                tracker.Add(p.At, reading.At, p.PowerW);
            }

            previous = reading;
        }

        if (previous is { } last)
        {
            tracker.Add(last.At, last.At + lastFor, last.PowerW);
        }

        return tracker.Finish();
    }
}
