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

    /// <summary>
    /// OCPP message keys (each StartTransaction, StopTransaction and MeterValues recorded once) and
    /// the transactions of finished sessions are kept this long, the window in which a charger may
    /// still replay a message from its offline queue; default 30 days.
    /// </summary>
    public TimeSpan OcppMessageKeyMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Finished sessions are kept this long after they stopped, and only once the cloud has them (no copy left in the outbox); default 90 days.</summary>
    public TimeSpan SessionMaxAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>At most this many configuration revisions are kept, the newest; default 100.</summary>
    public int RevisionMaxCount { get; set; } = 100;

    /// <summary>How often retention runs; default hourly.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
