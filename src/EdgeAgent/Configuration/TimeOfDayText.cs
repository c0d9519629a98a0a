namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The local times of tariff periods: <c>HH:mm</c> from <c>00:00</c> to <c>23:59</c>, and <c>24:00</c>
/// for the end of a day. One reader for the validator and the cost engine.
/// </summary>
public static class TimeOfDayText
{
    public const int MinutesPerDay = 24 * 60;

    /// <summary>Reads <paramref name="text"/> as minutes since midnight; false unless it is a valid time.</summary>
    /// <param name="text">The time.</param>
    /// <param name="allowEndOfDay">Whether <c>24:00</c> (1440 minutes) is allowed.</param>
    /// <param name="minutes">Minutes since midnight.</param>
    public static bool TryParse(string? text, bool allowEndOfDay, out int minutes)
    {
        minutes = 0;
        if (text is not { Length: 5 } || text[2] != ':' || !IsDigits(text[0], text[1]) || !IsDigits(text[3], text[4]))
        {
            return false;
        }

        var hours = ((text[0] - '0') * 10) + (text[1] - '0');
        var mins = ((text[3] - '0') * 10) + (text[4] - '0');
        minutes = (hours * 60) + mins;
        return mins < 60 && (hours < 24 || (allowEndOfDay && minutes == MinutesPerDay));
    }

    private static bool IsDigits(char a, char b) => char.IsAsciiDigit(a) && char.IsAsciiDigit(b);
}
