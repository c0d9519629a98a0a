namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// The time a limit profile covers, in every OCPP version: its schedule starts <see cref="ClockSkewAllowance"/> before the edge's
/// now, to the second, so a charger whose clock runs behind the edge's finds it in force at once — a profile whose start it has
/// not reached yet would leave it on its own default, the previous profile with that id being replaced (docs/ocpp.md, "How limits
/// are sent"). Otherwise it is the profile as if it started now: the first period holds now's limit from the early start, the
/// others keep their times, and it is valid until now + the validity.
/// </summary>
public readonly record struct OcppLimitWindow(DateTimeOffset Start, DateTimeOffset Now, DateTimeOffset ValidTo)
{
    /// <summary>How far behind the edge's a charger's clock may run and still have the new profile in force at once.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(1);

    /// <summary>From its start to its validTo: the schedule's duration.</summary>
    public TimeSpan Duration => ValidTo - Start;

    public static OcppLimitWindow From(DateTimeOffset now, TimeSpan validity)
    {
        var second = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), now.Offset);
        return new OcppLimitWindow(second - ClockSkewAllowance, second, second + validity);
    }

    /// <summary>Periods timed from <see cref="Now"/> (the first at 0) timed from <see cref="Start"/>: the first from 0 still, the others later by the allowance.</summary>
    public IReadOnlyList<(int StartPeriod, decimal Limit)> FromStart(IReadOnlyList<(int StartPeriod, decimal Limit)> fromNow)
    {
        ArgumentNullException.ThrowIfNull(fromNow);
        var lead = (int)(Now - Start).TotalSeconds;
        return [.. fromNow.Select((p, i) => i == 0 ? (0, p.Limit) : (p.StartPeriod + lead, p.Limit))];
    }
}
