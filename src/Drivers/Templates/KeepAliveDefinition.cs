namespace ChargeNet.Drivers.Templates;

/// <summary>The keep-alive a charger expects; the driver keeps it up while it runs.</summary>
public sealed record KeepAliveDefinition
{
    public required KeepAliveMethod Method { get; init; }

    /// <summary>The register written (toggle and heartbeat); the limit register for rewrite.</summary>
    public string? Register { get; init; }

    /// <summary>The heartbeat value.</summary>
    public double? Value { get; init; }

    /// <summary>How often the driver writes, in seconds (well inside the device's timeout).</summary>
    public required double PeriodS { get; init; }

    /// <summary>After how many seconds without keep-alive the device falls back to its failsafe current.</summary>
    public required double TimeoutS { get; init; }
}
