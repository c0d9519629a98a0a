namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>What a simulated 2.0.1 station remembers of one EVSE (one connector each): the status it last reported and its transaction.</summary>
internal sealed class SimulatedOcpp201Evse(int evseId, ISimulatedOutlet outlet)
{
    public int EvseId { get; } = evseId;

    public ISimulatedOutlet Outlet { get; } = outlet;

    public string? ReportedStatus { get; set; }

    /// <summary>The station's own transaction id (a string, unique across its restarts).</summary>
    public string? TransactionId { get; set; }

    /// <summary>A number for the same transaction in the profile maths, which count transactions by integer (1.6's).</summary>
    public int? ProfileTransaction { get; set; }

    public DateTimeOffset? TransactionStart { get; set; }

    /// <summary>The next TransactionEvent's seqNo (E01.FR.07: from 0 per transaction).</summary>
    public int SeqNo { get; set; }
}
