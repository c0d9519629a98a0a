namespace ChargeNet.SiteSimulator;

/// <summary>
/// Whether every car gets its turn: the longest a car that wants energy (plugged in, not full) went on
/// being offered less than its minimum, from the current its charger offered it.
/// </summary>
internal sealed class WaitScore(ScoreContext context)
{
    private readonly SimCar?[] _carSeen = new SimCar?[context.Site.Connectors.Count];
    private readonly DateTimeOffset?[] _waitingSince = new DateTimeOffset?[context.Site.Connectors.Count];
    private double _longestWaitS;

    public void Observe(DateTimeOffset now)
    {
        foreach (var connector in context.Site.Connectors)
        {
            var i = connector.Index;
            if (connector.Car is not { Full: false } car || connector.OfferedA >= SimCar.MinimumA)
            {
                _waitingSince[i] = null;
                _carSeen[i] = connector.Car;
                continue;
            }

            if (_carSeen[i] != car)
            {
                _carSeen[i] = car;
                _waitingSince[i] = null;
            }

            _waitingSince[i] ??= now;
            _longestWaitS = Math.Max(_longestWaitS, (now - _waitingSince[i]!.Value).TotalSeconds);
        }
    }

    public SiteFigures Fill(SiteFigures figures) => figures with { LongestWaitS = _longestWaitS };
}
