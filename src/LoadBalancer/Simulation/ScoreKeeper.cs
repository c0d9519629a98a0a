namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>Accumulates the measures of a replay, step by step, and turns them into <see cref="SimulationMetrics"/>.</summary>
internal sealed class ScoreKeeper(double limitA)
{
    private const double Tolerance = 1e-6;
    private double _peakA;
    private double _secondsAbove;
    private double _shortSteps;
    private double _usedWhenShort;

    public void Peak(double currentA) => _peakA = Math.Max(_peakA, currentA);

    public void AboveLimit(double seconds) => _secondsAbove += seconds;

    /// <summary>When the cars wanted more than was available, how much of it they drew.</summary>
    public void Short(double drawnA, double availableA, double wantedA)
    {
        if (wantedA > availableA + Tolerance && availableA > 0)
        {
            _shortSteps++;
            _usedWhenShort += Math.Min(1, drawnA / availableA);
        }
    }

    public SimulationMetrics Finish(string strategy, double capacityKw, double[] requestedKwh, double[] remainingKwh, double doneBelowKwh)
    {
        var (sum, sumOfSquares, served, counted) = (0.0, 0.0, 0, 0);
        for (var i = 0; i < requestedKwh.Length; i++)
        {
            if (requestedKwh[i] <= 0)
            {
                continue;
            }

            var share = (requestedKwh[i] - remainingKwh[i]) / requestedKwh[i];
            sum += share;
            sumOfSquares += share * share;
            counted++;
            served += remainingKwh[i] <= doneBelowKwh ? 1 : 0;
        }

        return new SimulationMetrics(
            strategy,
            capacityKw,
            DeliveredKwh: requestedKwh.Sum() - remainingKwh.Sum(),
            RequestedKwh: requestedKwh.Sum(),
            FullyServedShare: counted == 0 ? 1 : (double)served / counted,
            PeakCurrentA: _peakA,
            LimitA: limitA,
            SecondsAboveLimit: _secondsAbove,
            JainIndex: sumOfSquares > 0 ? sum * sum / (counted * sumOfSquares) : 1,
            CapacityUsedWhenShortShare: _shortSteps > 0 ? _usedWhenShort / _shortSteps : 1);
    }
}
