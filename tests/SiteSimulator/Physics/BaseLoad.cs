namespace ChargeNet.SiteSimulator;

/// <summary>
/// The building's own load per grid phase, which the loop does not control: a level per phase, a slow
/// sine of ±<see cref="SineAmplitudeA"/> and steps added at given times.
/// </summary>
public sealed class BaseLoad
{
    private readonly double[] _levelA;
    private readonly double[] _sineOffset;
    private readonly double[] _stepsA = new double[3];
    private readonly DateTimeOffset _epoch;

    public BaseLoad(double[] levelA, double[] sineOffset, DateTimeOffset epoch)
    {
        _levelA = levelA;
        _sineOffset = sineOffset;
        _epoch = epoch;
    }

    public double SineAmplitudeA { get; init; } = 8;

    public TimeSpan SinePeriod { get; init; } = TimeSpan.FromMinutes(7);

    public void Step(int phase, double deltaA) => _stepsA[phase] += deltaA;

    public double A(int phase, DateTimeOffset now)
    {
        var angle = (2 * Math.PI * (now - _epoch) / SinePeriod) + _sineOffset[phase];
        return Math.Max(0, _levelA[phase] + (SineAmplitudeA * Math.Sin(angle)) + _stepsA[phase]);
    }
}
