namespace ChargeNet.SiteSimulator;

/// <summary>
/// Property 8: a raise may be sent only when every decrease sent before it has been confirmed or was
/// sent at least a dead time earlier. Counts the raises that broke this, from the chargers' journal: a limit above the one asked
/// before it, and the same limit asked again while it lies above the one the charger last accepted (a refused or unanswered raise
/// sent again is a raise at the charger).
/// </summary>
internal sealed class OrderScore(ScoreContext context)
{
    private readonly double[] _lastRequestA = Enumerable.Repeat(double.NaN, context.Site.Connectors.Count).ToArray();
    private readonly double[] _acceptedA = Enumerable.Repeat(double.NaN, context.Site.Connectors.Count).ToArray();
    private readonly Dictionary<long, DateTimeOffset> _openDecreases = [];
    private int _journalRead;
    private int _violations;

    public void Observe()
    {
        var records = context.Site.Journal.Records;
        for (; _journalRead < records.Count; _journalRead++)
        {
            var record = records[_journalRead];
            if (record.Outcome == CommandOutcome.Accepted)
            {
                _openDecreases.Remove(record.RequestId);
                _acceptedA[record.Connector] = record.LimitA;
                continue;
            }

            if (record.Outcome != CommandOutcome.Requested)
            {
                continue;
            }

            var before = _lastRequestA[record.Connector];
            _lastRequestA[record.Connector] = record.LimitA;
            if (record.LimitA < before)
            {
                _openDecreases[record.RequestId] = record.At;
            }
            else if ((record.LimitA > before || (record.LimitA == before && record.LimitA > _acceptedA[record.Connector]))
                && _openDecreases.Values.Any(sentAt => record.At - sentAt < context.DeadTime))
            {
                _violations++;
            }
        }
    }

    public SiteFigures Fill(SiteFigures figures) => figures with { RaisesBeforeDecreases = _violations };
}
