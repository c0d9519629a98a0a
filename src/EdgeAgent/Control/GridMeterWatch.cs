using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Decides whether the grid meter is known: a reading older than the timeout, or values that have
/// not moved at all for that long (a frozen meter or gateway), make it unknown. Written by the
/// meter's poller (one writer), read by the loop: its state is one immutable record swapped whole.
/// </summary>
internal sealed class GridMeterWatch
{
    private State _state = new(null, null, default, null);

    public MeterReading? Latest => Volatile.Read(ref _state).Latest;

    public string? LastError => Volatile.Read(ref _state).LastError;

    public void Record(MeterReading reading)
    {
        var state = Volatile.Read(ref _state);
        var changed = state.LastValues != reading.CurrentA;
        Volatile.Write(ref _state, new State(reading, reading.CurrentA, changed ? reading.Timestamp : state.LastChangeAt, null));
    }

    public void RecordFailure(string error)
    {
        var state = Volatile.Read(ref _state);
        Volatile.Write(ref _state, state with { LastError = error });
    }

    /// <summary>Whether the meter is unknown at <paramref name="now"/>.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan timeout)
    {
        var state = Volatile.Read(ref _state);
        return state.Latest is null || now - state.Latest.Timestamp > timeout || now - state.LastChangeAt > timeout;
    }

    private sealed record State(MeterReading? Latest, PhaseValues? LastValues, DateTimeOffset LastChangeAt, string? LastError);
}
