namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>A circuit (a fuse, a cable, a sub-distribution board) in the tree below the grid connection.</summary>
public sealed record CircuitSettings
{
    public string Id { get; init; } = "";

    /// <summary>The parent circuit's id; null for a circuit fed straight from the grid connection.</summary>
    public string? Parent { get; init; }

    /// <summary>Per-phase current limit.</summary>
    public double MaxCurrentA { get; init; }

    /// <summary>Optional limit on total power (e.g. a transformer's rating).</summary>
    public double? MaxPowerKw { get; init; }

    /// <summary>The id of a meter measuring this circuit, when there is one.</summary>
    public string? Meter { get; init; }
}
