using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// A device's health from the outcome of each read: <b>connected</b> after a clean answer;
/// <b>degraded</b> after an answer that was not clean (it needed retries, some register blocks failed,
/// it was slow, its values are frozen) or after a failed read that may pass; <b>lost</b> when
/// <see cref="LostAfterFailures"/> reads in a row (one per poll period) brought no answer. The last error
/// and its time are kept throughout. Thread-safe.
/// </summary>
public sealed class DeviceHealthTracker
{
    private readonly Lock _lock = new();
    private DeviceHealth _health = DeviceHealth.Unknown;
    private int _failuresInRow;

    public DeviceHealthTracker(int lostAfterFailures = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lostAfterFailures, 1);
        LostAfterFailures = lostAfterFailures;
    }

    public int LostAfterFailures { get; }

    public DeviceHealth Current
    {
        get
        {
            lock (_lock)
            {
                return _health;
            }
        }
    }

    /// <summary>
    /// The device answered: cleanly when <paramref name="degradedReason"/> is null, otherwise not well
    /// enough (retries, part of the blocks, slow). Returns whether it was not answering before (a (re)connect).
    /// </summary>
    public bool RecordAnswered(DateTimeOffset now, string? degradedReason)
    {
        if (degradedReason is null)
        {
            return RecordSuccess(now);
        }

        lock (_lock)
        {
            var reconnected = _health.Connection is DeviceConnection.Unknown or DeviceConnection.Lost;
            _failuresInRow = 0;
            _health = new DeviceHealth(DeviceConnection.Degraded, now, degradedReason, now);
            return reconnected;
        }
    }

    /// <summary>The device answered well; returns whether it was not answering before (a (re)connect).</summary>
    public bool RecordSuccess(DateTimeOffset now)
    {
        lock (_lock)
        {
            var reconnected = _health.Connection is DeviceConnection.Unknown or DeviceConnection.Lost;
            _failuresInRow = 0;
            _health = _health with { Connection = DeviceConnection.Connected, LastSuccessAt = now };
            return reconnected;
        }
    }

    /// <summary>The device answered, but what it said cannot be trusted (e.g. frozen values).</summary>
    public void RecordDegraded(DateTimeOffset now, string reason)
    {
        lock (_lock)
        {
            _health = _health with { Connection = DeviceConnection.Degraded, LastError = reason, LastErrorAt = now };
        }
    }

    /// <summary>The device did not answer or answered wrongly.</summary>
    public void RecordFailure(DateTimeOffset now, string error)
    {
        lock (_lock)
        {
            _failuresInRow++;
            var connection = _failuresInRow >= LostAfterFailures || _health.Connection is DeviceConnection.Unknown or DeviceConnection.Lost
                ? DeviceConnection.Lost
                : DeviceConnection.Degraded;
            _health = _health with { Connection = connection, LastError = error, LastErrorAt = now };
        }
    }
}
