namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>Turns trace periods into snapshot times: period 0 is 2019-03-01 00:00 America/Los_Angeles.</summary>
internal static class TraceClock
{
    public static readonly DateTimeOffset Start = new(2019, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int period, TimeSpan periodLength) => Start + (periodLength * period);
}
