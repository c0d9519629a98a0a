namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>Turns trace periods into snapshot times: period 0 is 2019-03-01 00:00 America/Los_Angeles.</summary>
public static class TraceClock
{
    /// <summary>Period 0.</summary>
    public static readonly DateTimeOffset Start = new(2019, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The start of <paramref name="period"/>.</summary>
    public static DateTimeOffset At(int period, TimeSpan periodLength) => Start + (periodLength * period);
}
