namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Log message fields whose values may be printed to the box's own journal (the installer reads the
/// setup code there) but never leave it: the log lines <c>get-diagnostics</c> sends to the cloud have
/// them withheld. Named by the field of the message template, e.g. <c>{SetupCode}</c>.
/// </summary>
public static class LocalOnlyLogFields
{
    public const string Withheld = "[withheld]";

    private static readonly string[] Names = ["SetupCode", "Password", "Secret", "Token"];

    public static bool IsLocalOnly(string field) => Names.Any(n => field.Contains(n, StringComparison.OrdinalIgnoreCase));

    /// <summary><paramref name="formatted"/> with the value of every local-only field of <paramref name="state"/> withheld.</summary>
    public static string Withhold<TState>(TState state, string formatted)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            return formatted;
        }

        foreach (var (name, value) in fields)
        {
            if (IsLocalOnly(name) && value?.ToString() is { Length: > 0 } text)
            {
                formatted = formatted.Replace(text, Withheld, StringComparison.Ordinal);
            }
        }

        return formatted;
    }
}
