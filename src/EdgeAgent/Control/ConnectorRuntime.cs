using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// What the control loop remembers of one connector between cycles. The two values that other
/// tasks write — the status (a charger read's continuation) and the setpoint (a send's
/// continuation) — are immutable records swapped whole, so a reader always sees one consistent
/// value. The rest is read and written by the loop alone, one cycle at a time.
/// </summary>
internal sealed class ConnectorRuntime
{
    private ConnectorStatus? _status;
    private SetpointState? _setpoint;

    public ConnectorRuntime(string chargerId, int connectorId)
    {
        ChargerId = chargerId;
        ConnectorId = connectorId;
    }

    public string ChargerId { get; }

    public int ConnectorId { get; }

    /// <summary>The last status read, and when.</summary>
    public ConnectorStatus? Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    /// <summary>The last setpoint sent; null before the first.</summary>
    public SetpointState? Setpoint => Volatile.Read(ref _setpoint);

    /// <summary>The last limit sent; null before the first.</summary>
    public double? SentLimitA => Setpoint?.LimitA;

    /// <summary>Whether the charger confirmed the last limit sent.</summary>
    public bool Confirmed => Setpoint is { Confirmed: true };

    /// <summary>Why the limit is what it is (the loop's view of the balancer's reason). Loop only.</summary>
    public string? Reason { get; set; }

    /// <summary>When a car was first seen on the connector in this session; null while it is free. Loop only.</summary>
    public DateTimeOffset? OccupiedSince { get; set; }

    /// <summary>The connector's energy counter when the session began. Loop only.</summary>
    public double EnergyAtStartWh { get; set; }

    /// <summary>Starts a send unless one is already on its way; returns the new setpoint, or null when one is in flight.</summary>
    public SetpointState? TryBeginSend(double limitA, DateTimeOffset now)
    {
        var current = Setpoint;
        if (current is { InFlight: true })
        {
            return null;
        }

        var sent = new SetpointState(limitA, now, InFlight: true, Confirmed: false);
        return Interlocked.CompareExchange(ref _setpoint, sent, current) == current ? sent : null;
    }

    /// <summary>Records the outcome of <paramref name="sent"/>; a newer setpoint is never overwritten.</summary>
    public void CompleteSend(SetpointState sent, bool accepted) =>
        Interlocked.CompareExchange(ref _setpoint, sent with { InFlight = false, Confirmed = accepted }, sent);
}
