namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The grid connection: the root of the circuit tree.</summary>
public sealed record GridSettings
{
    /// <summary>1 or 3.</summary>
    public int Phases { get; init; } = 3;

    /// <summary>Nominal phase-to-neutral voltage.</summary>
    public double VoltageV { get; init; } = 230;

    /// <summary>The per-phase limit of the grid connection (its fuse).</summary>
    public double MaxCurrentA { get; init; }

    /// <summary>The controller aims at MaxCurrentA − SafetyMarginA so a short overshoot stays under the fuse.</summary>
    public double SafetyMarginA { get; init; }

    /// <summary>The id of the meter at the grid connection; null when the site has none.</summary>
    public string? Meter { get; init; }

    /// <summary>What the chargers together may draw per phase while the grid meter is unknown.</summary>
    public double FallbackCurrentA { get; init; }

    /// <summary>A meter reading older than this (or frozen this long) is unknown.</summary>
    public double MeterTimeoutS { get; init; } = 3;

    /// <summary>The largest allowed difference between the most and least loaded phase; null for none.</summary>
    public double? MaxImbalanceA { get; init; }

    /// <summary>How the network operator bills the month's highest power; null when it does not (docs/configuration.md).</summary>
    public PowerTariffSettings? PowerTariff { get; init; }
}
