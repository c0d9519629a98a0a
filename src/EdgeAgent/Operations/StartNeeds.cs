using System.Globalization;

namespace ChargeNet.EdgeAgent.Operations;

/// <summary>
/// The rules of a start's <c>departureAt</c> and <c>energyWh</c> (docs/api.md, docs/mqtt.md): what the driver says the
/// car needs, for both front doors and the cloud's authorize-result, checked once.
/// </summary>
public static class StartNeeds
{
    /// <summary>How far ahead a departure may be: a week covers any stay a charger plans for.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(7);

    /// <summary>The most energy a car may say it needs, in Wh: above any car's battery.</summary>
    public const decimal MaxEnergyWh = 200_000;

    /// <summary>The departure parsed, or the field at fault and why.</summary>
    public static (DateTimeOffset? DepartureAt, (string Field, string Message)? Problem) Check(string? departureAt, decimal? energyWh, DateTimeOffset now)
    {
        if (energyWh is { } need && (need <= 0 || need > MaxEnergyWh))
        {
            return (null, ("energyWh", $"'energyWh' must be a number > 0 and at most {MaxEnergyWh.ToString(CultureInfo.InvariantCulture)} (Wh)"));
        }

        if (departureAt is null)
        {
            return (null, null);
        }

        // The offset is required: a local time without one would be read in the edge's zone, not the driver's.
        if (!HasOffset(departureAt) || !DateTimeOffset.TryParse(departureAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return (null, ("departureAt", "'departureAt' must be an ISO 8601 time with its offset, e.g. 2026-12-03T07:30:00+01:00"));
        }

        return at <= now || at > now + MaxAhead
            ? (null, ("departureAt", $"'departureAt' must be in the future and at most {MaxAhead.TotalDays} days ahead"))
            : (at, null);
    }

    private static bool HasOffset(string text) =>
        text.Length > 16 && text.Contains('T', StringComparison.Ordinal)
        && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-' && text[^3] == ':');
}
