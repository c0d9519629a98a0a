namespace ChargeNet.SiteSimulator;

/// <summary>What became of a limit request at a charger.</summary>
public enum CommandOutcome
{
    /// <summary>The request arrived (the charger enforces it at once when it will accept it).</summary>
    Requested,

    Accepted,

    Rejected,

    /// <summary>The request was given up by the sender before the charger answered.</summary>
    TimedOut,
}

/// <summary>One event in a limit request's life.</summary>
public sealed record CommandRecord(int Connector, DateTimeOffset At, double LimitA, CommandOutcome Outcome, long RequestId);

/// <summary>Every limit request the chargers saw, and its answer, in the order they happened.</summary>
public sealed class CommandJournal
{
    private readonly List<CommandRecord> _records = [];
    private long _nextId;

    public IReadOnlyList<CommandRecord> Records => _records;

    public long Requested(int connector, DateTimeOffset at, double limitA)
    {
        var id = _nextId++;
        _records.Add(new CommandRecord(connector, at, limitA, CommandOutcome.Requested, id));
        return id;
    }

    public void Answered(int connector, DateTimeOffset at, double limitA, CommandOutcome outcome, long requestId) =>
        _records.Add(new CommandRecord(connector, at, limitA, outcome, requestId));
}
