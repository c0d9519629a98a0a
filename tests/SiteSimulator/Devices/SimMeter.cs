using ChargeNet.Drivers.Devices;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// A meter on a circuit node (the grid connection, or a sub-circuit's meter): reads the ground truth
/// with ±<see cref="NoiseA"/> of noise, unless <see cref="Fault"/> says otherwise.
/// </summary>
public sealed class SimMeter : IMeter
{
    private readonly PhysicalSite _site;
    private readonly int _node;
    private readonly DeviceAnswers _answers;
    private readonly Random _random;
    private PhaseValues _last;

    public SimMeter(string id, PhysicalSite site, int node, DeviceAnswers answers, Random random)
    {
        Id = id;
        _site = site;
        _node = node;
        _answers = answers;
        _random = random;
    }

    public string Id { get; }

    public double NoiseA { get; init; } = 0.05;

    public MeterFault Fault { get; set; }

    public Task<MeterReading> ReadAsync(CancellationToken cancellationToken)
    {
        switch (Fault)
        {
            case MeterFault.Silent:
                return _answers.Later<MeterReading>(null, () => throw new InvalidOperationException("never answered"), cancellationToken);
            case MeterFault.PortClosed:
                return Task.FromException<MeterReading>(new DeviceException($"meter '{Id}': connection refused (port closed)"));
            case MeterFault.ExceptionAnswer:
                return Task.FromException<MeterReading>(new DeviceException($"meter '{Id}': Modbus exception 0x04 (server device failure)"));
            case MeterFault.Frozen:
                return Task.FromResult(ReadingOf(_last));
            case MeterFault.NotANumber:
                Fault = MeterFault.None;
                return Task.FromResult(ReadingOf(Measure() with { L2 = double.NaN }));
            default:
                _last = Measure();
                return Task.FromResult(ReadingOf(_last));
        }
    }

    private PhaseValues Measure() => new(Noisy(0), Noisy(1), Noisy(2));

    private double Noisy(int phase) => _site.ActualA(_node, phase) + (NoiseA * ((2 * _random.NextDouble()) - 1));

    private MeterReading ReadingOf(PhaseValues current)
    {
        var v = _site.VoltageV;
        var power = new PhaseValues(current.L1 * v, current.L2 * v, current.L3 * v);
        return new MeterReading(_site.Now, current, new PhaseValues(v, v, v), power, power.Sum, 0);
    }
}
