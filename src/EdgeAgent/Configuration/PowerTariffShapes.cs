namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The words of <c>grid.powerTariff</c>: how the billed peak is formed and the day names.</summary>
public static class PowerTariffShapes
{
    public const string Highest = "highest";
    public const string MeanOfHighest = "meanOfHighest";

    public static IReadOnlyList<string> DayNames { get; } = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>The day a name stands for; only for names in <see cref="DayNames"/>.</summary>
    public static DayOfWeek DayOf(string name) => (DayOfWeek)DayNames.ToList().IndexOf(name);
}
