namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The site's time zone (<c>timeZone</c>, an IANA name; none means UTC).</summary>
public static class SiteTimeZone
{
    /// <summary>The zone named <paramref name="name"/>; false when the system's time zone database does not know it.</summary>
    public static bool TryFind(string? name, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(name))
        {
            return true;
        }

        // A Windows name or an abbreviation (CET) is refused: the document names IANA zones only.
        if (!name.Contains('/', StringComparison.Ordinal) && name != "UTC")
        {
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found))
        {
            return false;
        }

        zone = found;
        return true;
    }

    /// <summary>The zone of a validated configuration.</summary>
    public static TimeZoneInfo Of(SiteConfiguration site) =>
        TryFind(site.TimeZone, out var zone) ? zone : throw new InvalidOperationException($"time zone '{site.TimeZone}' is not known");

    /// <summary>The first instant of a local date in <paramref name="zone"/>; a midnight that a DST change skips is taken an hour on.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
