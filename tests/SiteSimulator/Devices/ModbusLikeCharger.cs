using ChargeNet.Drivers.Devices;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// A wallbox polled over Modbus: a read answers in about 50 ms with what the device measures then,
/// or late, or not at all; a limit is written in about 50 ms and enforced at once — or, as its reads, late or never answered
/// (every other write never answered enforced all the same: its answer was lost, not its request).
/// </summary>
public sealed class ModbusLikeCharger : ICharger
{
    private readonly IReadOnlyList<SimConnector> _connectors;
    private readonly ModbusBehaviour _behaviour;
    private readonly PhysicalSite _site;
    private readonly DeviceAnswers _answers;
    private readonly Random _random;
    private readonly Random _writeRandom;
    private readonly UnansweredByTurns _unanswered;

    public ModbusLikeCharger(string id, IReadOnlyList<SimConnector> connectors, ModbusBehaviour behaviour, PhysicalSite site, DeviceAnswers answers, Random random)
    {
        Id = id;
        _connectors = connectors;
        _behaviour = behaviour;
        _site = site;
        _answers = answers;
        _random = random;

        // Its own generator for writes, from its id: the reads keep the answers the seed drew for them before writes could fail.
        _writeRandom = new Random(id.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)));
        _unanswered = new UnansweredByTurns(connectors.Count);
    }

    public string Id { get; }

    public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        var draw = _random.NextDouble();
        DateTimeOffset? due = draw < _behaviour.SilentShare ? null
            : draw < _behaviour.SilentShare + _behaviour.LateShare ? _site.Now + TimeSpan.FromSeconds(1.5)
            : _site.Now + _behaviour.AnswerTime;
        return _answers.Later(due, Read, cancellationToken);
    }

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        var connector = _connectors[connectorId - 1];
        var request = _site.Journal.Requested(connector.Index, _site.Now, limitA);
        var draw = _writeRandom.NextDouble();
        if (draw < _behaviour.SilentShare)
        {
            if (_unanswered.Applies(connectorId - 1))
            {
                connector.Enforce(_site.Now, limitA);
            }

            return _answers.Later<SetpointResult>(null, () => throw new InvalidOperationException("never answered"), cancellationToken,
                () => _site.Journal.Answered(connector.Index, _site.Now, limitA, CommandOutcome.TimedOut, request));
        }

        var due = draw < _behaviour.SilentShare + _behaviour.LateShare ? _site.Now + TimeSpan.FromSeconds(1.5) : _site.Now + _behaviour.AnswerTime;
        return _answers.Later(
            due,
            () =>
            {
                connector.Enforce(_site.Now, limitA);
                _site.Journal.Answered(connector.Index, _site.Now, limitA, CommandOutcome.Accepted, request);
                return SetpointResult.Accepted;
            },
            cancellationToken,
            () => _site.Journal.Answered(connector.Index, _site.Now, limitA, CommandOutcome.TimedOut, request));
    }

    private ChargerStatus Read()
    {
        var now = _site.Now;
        var connectors = _connectors.Select(c => new ConnectorStatus(
            c.ConnectorId,
            _behaviour.ReportsUnmappedState && c.State == ConnectorState.Charging ? ConnectorState.Unavailable : c.State,
            ConnectorReport.CurrentA(c, perPhase: true, _behaviour.ReportsImpossibleValues),
            ConnectorReport.EnergyWh(c, _behaviour.ReportsImpossibleValues),
            c.OfferedA,
            now)).ToList();
        return new ChargerStatus(Id, true, connectors, now);
    }
}
