namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>Accumulates the measures of a replay, period by period, and turns them into <see cref="SimulationMetrics"/>.</summary>
internal sealed class ScoreKeeper(double limitA)
{
    private const double Tolerance = 1e-6;
    private double _peakA;
    private double _secondsAbove;
    private double _shortPeriods;
    private double _usedWhenShort;

    /// <summary>One period: what the limit counts, what the cars drew, and what they could have drawn.</summary>
    public void Period(double countedA, double drawnA, double wantedA, double seconds)
    {
        _peakA = Math.Max(_peakA, countedA);
        if (countedA > limitA + Tolerance)
        {
            _secondsAbove += seconds;
        }

        if (wantedA > limitA + Tolerance && limitA > 0)
        {
            _shortPeriods++;
            _usedWhenShort += Math.Min(1, drawnA / limitA);
        }
    }

    public void AboveLimit(double seconds) => _secondsAbove += seconds;

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
            CapacityUsedWhenShortShare: _shortPeriods > 0 ? _usedWhenShort / _shortPeriods : 1);
    }
}
