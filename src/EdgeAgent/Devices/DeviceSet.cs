using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Devices;

/// <summary>The drivers of the configuration in force, by device id. Immutable: a new configuration gives a new set.</summary>
public sealed record DeviceSet(IReadOnlyDictionary<string, IMeter> Meters, IReadOnlyDictionary<string, ICharger> Chargers)
{
    public static DeviceSet Empty { get; } = new(new Dictionary<string, IMeter>(), new Dictionary<string, ICharger>());
}
