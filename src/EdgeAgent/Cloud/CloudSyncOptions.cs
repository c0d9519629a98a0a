namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>Tuning of the cloud link (appsettings section <c>ChargeNet:Cloud</c>); the broker itself is in site.json.</summary>
public sealed class CloudSyncOptions
{
    public const string Section = "ChargeNet:Cloud";

    /// <summary>The most messages the outbox holds before it drops telemetry, then events (never sessions).</summary>
    public int OutboxMaxMessages { get; set; } = 100_000;

    /// <summary>The ceiling of the first reconnect wait.</summary>
    public TimeSpan ReconnectInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest reconnect wait.</summary>
    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>MQTT keep-alive; the broker publishes the will after 1.5 times this without a packet.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many command ids are remembered (in memory and in the store, across restarts) so a repeat is answered, not carried out again.</summary>
    public int CommandIdMemory { get; set; } = 1_000;

    /// <summary>How many commands may wait to be carried out; one more is answered as refused.</summary>
    public int CommandQueueCapacity { get; set; } = 32;

    /// <summary>How many commands are carried out at once.</summary>
    public int CommandWorkers { get; set; } = 4;

    /// <summary>How often the broker may refuse one outbox message before it is moved aside into the dead letters.</summary>
    public int OutboxMaxRefusals { get; set; } = 3;
}
