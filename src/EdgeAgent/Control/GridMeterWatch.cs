using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Decides whether the grid meter is known: a reading older than the timeout, or values that have
/// not moved at all for that long (a frozen meter or gateway), make it unknown.
/// </summary>
internal sealed class GridMeterWatch
{
    private PhaseValues? _lastValues;
    private DateTimeOffset _lastChangeAt;

    public MeterReading? Latest { get; private set; }

    public string? LastError { get; private set; }

    public void Record(MeterReading reading)
    {
        if (_lastValues != reading.CurrentA)
        {
            _lastValues = reading.CurrentA;
            _lastChangeAt = reading.Timestamp;
        }

        Latest = reading;
        LastError = null;
    }

    public void RecordFailure(string error) => LastError = error;

    public bool IsStale(DateTimeOffset now, TimeSpan timeout) =>
        Latest is null || now - Latest.Timestamp > timeout || now - _lastChangeAt > timeout;
}
