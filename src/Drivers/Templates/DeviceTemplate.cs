using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Templates;

/// <summary>
/// A device model as data: its register map and, for a charger, how to drive it. One JSON file per
/// model (docs/devices.md; schema in docs/device-template.schema.json).
/// </summary>
public sealed record DeviceTemplate
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>The id site.json names as a meter's or charger's <c>driver</c>, e.g. <c>eastron-sdm630</c>.</summary>
    public required string Id { get; init; }

    public required DeviceKind Kind { get; init; }

    public required string Manufacturer { get; init; }

    public required string Model { get; init; }

    /// <summary>The vendor document the register map comes from.</summary>
    public required string Source { get; init; }

    public string? Notes { get; init; }

    /// <summary>The unit id the device ships with.</summary>
    public int DefaultUnitId { get; init; } = 1;

    /// <summary>The most registers the device returns in one read.</summary>
    public int MaxRegistersPerRead { get; init; } = 100;

    /// <summary>Registers by name: a meaning the drivers know (currentL1, state, …) or a name other entries refer to.</summary>
    public required IReadOnlyDictionary<string, RegisterDefinition> Registers { get; init; }

    public ChargerDefinition? Charger { get; init; }
}
