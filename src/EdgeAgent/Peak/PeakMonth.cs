using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.LoadBalancer.Peak;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// The open month under one tariff shape: the site's measured power and the estimate without control,
/// each followed through the tariff's windows (docs/load-balancing.md, "The peak target in the
/// daemon"). Each power holds from when it was measured until the next; while the meter is silent the
/// last one goes on being counted (so a silent meter never makes the month look lower).
/// </summary>
internal sealed class PeakMonth
{
    private double _powerW;
    private double _uncontrolledW;
    private DateTimeOffset _fedTo;

    private PeakMonth(PowerTariffSettings settings, string key, PeakTracker site, PeakTracker uncontrolled, DateTimeOffset fedTo, double powerW, double uncontrolledW)
    {
        Settings = settings;
        Key = key;
        Site = site;
        Uncontrolled = uncontrolled;
        _fedTo = fedTo;
        _powerW = powerW;
        _uncontrolledW = uncontrolledW;
    }

    public PowerTariffSettings Settings { get; }

    /// <summary>The tariff's shape (window, count, hours, days, zone): windows counted under one key mean the same under another with the same key.</summary>
    public string Key { get; }

    public PeakTracker Site { get; }

    public PeakTracker Uncontrolled { get; }

    /// <summary>
    /// The month carried on from <paramref name="saved"/> when it was kept under the same shape, else a
    /// month with nothing counted yet. What the site drew after the save up to <paramref name="unsaved"/>
    /// (the most a save interval may miss) is counted at the last power, within the window it was in;
    /// while the daemon was down nothing measured the site, so nothing more is counted (an outage
    /// invents no windows).
    /// </summary>
    public static PeakMonth Start(PowerTariffSettings settings, PeakRecord? saved, DateTimeOffset now, TimeSpan unsaved)
    {
        var tariff = settings.ToTariff();
        var key = KeyOf(settings);
        if (saved is not null && saved.TariffKey == key && saved.SavedAt <= now)
        {
            var site = PeakTracker.Restore(tariff, saved.Site);
            var uncontrolled = saved.Uncontrolled is { } u ? PeakTracker.Restore(tariff, u) : new PeakTracker(tariff);
            var windowEnd = tariff.WindowStart(saved.SavedAt) + tariff.Window;
            var gapEnd = new[] { now, windowEnd, saved.SavedAt + unsaved }.Min();
            site.Add(saved.SavedAt, gapEnd, saved.LastPowerW);
            uncontrolled.Add(saved.SavedAt, gapEnd, saved.LastUncontrolledW);
            return new PeakMonth(settings, key, site, uncontrolled, now, saved.LastPowerW, saved.LastUncontrolledW);
        }

        return new PeakMonth(settings, key, new PeakTracker(tariff), new PeakTracker(tariff), now, 0, 0);
    }

    /// <summary>
    /// The month rebuilt from the grid meter's stored samples (no record of it kept under this
    /// shape: the daemon's first start with a tariff, an upgrade, a new shape). Each sample's power
    /// holds until the next, at most <paramref name="holdsAtMost"/> (longer gaps are times nothing
    /// measured the site: they count nothing). The site was not held by the target then, so the
    /// estimate without control is what was measured.
    /// </summary>
    /// <param name="samples">The site's power (W) at each sample of the month so far, oldest first.</param>
    public static PeakMonth FromSamples(PowerTariffSettings settings, IReadOnlyList<(DateTimeOffset At, double PowerW)> samples, DateTimeOffset now, TimeSpan holdsAtMost)
    {
        var tariff = settings.ToTariff();
        var site = new PeakTracker(tariff);
        var uncontrolled = new PeakTracker(tariff);
        var lastW = 0.0;
        for (var i = 0; i < samples.Count && samples[i].At < now; i++)
        {
            var (at, w) = samples[i];
            var next = i + 1 < samples.Count && samples[i + 1].At < now ? samples[i + 1].At : now;
            var until = next < at + holdsAtMost ? next : at + holdsAtMost;
            site.Add(at, until, w);
            uncontrolled.Add(at, until, w);
            lastW = until == now ? w : 0;
        }

        return new PeakMonth(settings, KeyOf(settings), site, uncontrolled, now, lastW, lastW);
    }

    public static string KeyOf(PowerTariffSettings s) => string.Join('|',
        s.WindowMinutes, s.BilledPeak, s.Count, s.OnePerDay, s.Hours?.From, s.Hours?.To, string.Join(',', s.Days ?? []), s.TimeZone);

    /// <summary>Counts the time since the last call at the powers in force, then takes the new ones (null: not measured this time).</summary>
    public void Feed(DateTimeOffset now, double? powerW, double? uncontrolledW)
    {
        if (now > _fedTo)
        {
            Site.Add(_fedTo, now, _powerW);
            Uncontrolled.Add(_fedTo, now, _uncontrolledW);
            _fedTo = now;
        }

        Site.AdvanceTo(now);
        Uncontrolled.AdvanceTo(now);
        _powerW = powerW ?? _powerW;
        _uncontrolledW = Math.Max(uncontrolledW ?? _uncontrolledW, _powerW);
    }

    /// <summary>What to keep; null before anything was counted.</summary>
    public PeakRecord? Record() => Site.Save() is { } site
        ? new PeakRecord(Key, _fedTo, _powerW, site, Uncontrolled.Save(), _uncontrolledW)
        : null;
}
