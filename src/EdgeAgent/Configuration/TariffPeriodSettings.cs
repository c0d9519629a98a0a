namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// A time of the week, in the site's time zone, with its own energy price: on <see cref="Days"/>,
/// from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive, <c>24:00</c> allowed).
/// </summary>
public sealed record TariffPeriodSettings
{
    /// <summary><c>mon</c> … <c>sun</c>; left out or empty: every day.</summary>
    public IReadOnlyList<string> Days { get; init; } = [];

    /// <summary>Local time <c>HH:mm</c>, inclusive.</summary>
    public string From { get; init; } = "";

    /// <summary>Local time <c>HH:mm</c>, exclusive; <c>24:00</c> is the end of the day.</summary>
    public string To { get; init; } = "";

    public decimal EnergyPerKwh { get; init; }
}
