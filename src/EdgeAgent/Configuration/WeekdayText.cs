namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The days of tariff periods: <c>mon</c> … <c>sun</c>.</summary>
public static class WeekdayText
{
    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    public static IReadOnlyCollection<string> All => Days.Keys;

    public static bool TryParse(string? text, out DayOfWeek day)
    {
        day = default;
        return text is not null && Days.TryGetValue(text, out day);
    }
}
