using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Notices a device whose registers stop changing while it should be measuring: a live meter's float
/// readings never repeat bit for bit for long, so identical registers for longer than
/// <see cref="FrozenAfter"/> mean a stuck device or gateway cache. Not thread-safe: one per poller.
/// </summary>
public sealed class FrozenValueDetector
{
    private RegisterSnapshot? _last;
    private DateTimeOffset _unchangedSince;

    public FrozenValueDetector(TimeSpan frozenAfter)
    {
        FrozenAfter = frozenAfter;
    }

    public TimeSpan FrozenAfter { get; }

    /// <summary>Records a read; returns since when the registers are frozen, or null when they are not.</summary>
    /// <param name="snapshot">What was read.</param>
    /// <param name="now">When.</param>
    /// <param name="shouldChange">Whether the device is expected to change (e.g. current flows); an idle meter may repeat itself.</param>
    public DateTimeOffset? Observe(RegisterSnapshot snapshot, DateTimeOffset now, bool shouldChange)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.HasSameRegistersAs(_last))
        {
            _last = snapshot;
            _unchangedSince = now;
            return null;
        }

        return shouldChange && now - _unchangedSince >= FrozenAfter ? _unchangedSince : null;
    }
}
