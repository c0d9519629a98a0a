namespace ChargeNet.EdgeAgent.Storage;

/// <summary>How long the store keeps what grows without end, so an SD card never fills up (docs/operations.md).</summary>
public sealed class RetentionOptions
{
    public const string Section = "ChargeNet:Retention";

    /// <summary>Events older than this are deleted; default 90 days.</summary>
    public TimeSpan EventMaxAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>At most this many events are kept; default 100,000.</summary>
    public int EventMaxCount { get; set; } = 100_000;

    /// <summary>Meter samples older than this are deleted; default 7 days.</summary>
    public TimeSpan SampleMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a meter sample is kept; default every 10 s.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often retention runs; default hourly.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
