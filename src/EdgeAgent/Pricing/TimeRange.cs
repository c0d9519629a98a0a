namespace ChargeNet.EdgeAgent.Pricing;

/// <summary>A span of time, <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public readonly record struct TimeRange(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Duration => To > From ? To - From : TimeSpan.Zero;
}
