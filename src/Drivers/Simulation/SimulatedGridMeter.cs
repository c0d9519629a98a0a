using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Simulation;

/// <summary>A grid meter on a simulated site: the base load plus every car, on the right phases.</summary>
public sealed class SimulatedGridMeter : IMeter
{
    private readonly SimulatedSite _site;
    private readonly TimeProvider _time;
    private double _energyWh;
    private DateTimeOffset? _last;

    public SimulatedGridMeter(string id, SimulatedSite site, TimeProvider time)
    {
        Id = id;
        _site = site;
        _time = time;
    }

    public string Id { get; }

    /// <summary>While false the meter does not answer (a test's dropout).</summary>
    public bool Online { get; set; } = true;

    /// <summary>When set, the meter keeps returning this reading's values (a test's frozen meter).</summary>
    public PhaseValues? FrozenAtA { get; set; }

    public Task<MeterReading> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Online)
        {
            throw new DeviceException($"meter '{Id}': no answer (simulated dropout)");
        }

        var now = _time.GetUtcNow();
        var current = FrozenAtA ?? _site.GridCurrentA;
        var voltage = _site.VoltageV;
        var power = new PhaseValues(current.L1 * voltage, current.L2 * voltage, current.L3 * voltage);
        if (_last is { } last)
        {
            _energyWh += power.Sum * (now - last).TotalHours;
        }

        _last = now;
        return Task.FromResult(new MeterReading(now, current, new PhaseValues(voltage, voltage, voltage), power, power.Sum, _energyWh));
    }
}
