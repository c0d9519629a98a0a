namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The MQTT connection to the cloud.</summary>
public sealed record CloudSettings
{
    public bool Enabled { get; init; }

    public string? Host { get; init; }

    public int Port { get; init; } = 8883;

    public bool Tls { get; init; } = true;

    public string? CaFile { get; init; }

    public string? ClientCertFile { get; init; }

    public string? ClientKeyFile { get; init; }

    public string? Username { get; init; }

    /// <summary>Write-only: never exported, never logged.</summary>
    public string? Password { get; init; }

    /// <summary>How often telemetry is published; default 10 s.</summary>
    public double TelemetryIntervalS { get; init; } = 10;

    /// <summary>A command whose <c>ts</c> is older than this is refused as expired; default 300 s.</summary>
    public double CommandMaxAgeS { get; init; } = 300;
}
