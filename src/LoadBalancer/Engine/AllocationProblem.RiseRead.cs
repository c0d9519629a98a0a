namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A raise its car's own reading shows not taken (docs/control-loop-sessions.md, Session 23, "A step under the limit until the raises
/// land"). Whether the limits in force must come down is judged with each car at the high end of its draw — for a raise on its
/// way, its new limit — so a step in the cycle that raised cars looked smaller by the raises still to come, and nothing was cut
/// until they landed, a dead time past the grace. Where the charger's reading was taken after the newest limit was sent and
/// close to the grid meter's (<see cref="BalancerSettings.OwnReadingWindow"/>) and still shows the car under that limit, the car
/// had not taken the raise when the meter read: it counts at what that reading shows (Session 24), meter over or not, on every
/// node above it (it is the car's own reading that shows it, whatever the meters between), and the planner takes such raises
/// back first, no lower than that reading.
/// </summary>
internal sealed partial class AllocationProblem
{
    /// <summary>Per connector: a raise on its way (<see cref="RaisedFromA"/>) its charger's own reading, taken near the meter's, shows not taken.</summary>
    public bool[] RaiseReadNotTaken = [];

    // Per node and phase, Σ (high − read) of the cars below whose raise their own reading shows not taken; summed above every meter.
    private double[] _riseReadSubtreeA = [];

    // The reading is the charger's own (its measurement time, never a status time a StatusNotification moved: docs/ocpp.md,
    // "Meter values"), taken after the newest limit was sent and no earlier than the window before the grid meter's reading,
    // and it shows the car under that limit by what a car that takes what it has may draw under it (ReclaimUsesAllWithinA,
    // 1 A). The estimate's low end is no such evidence: it stays at the older limit until a reading after the charger's
    // confirmation shows the car up, and a car that had taken its raise was taken back (seed 35 --one-call at 1 s, Session 23).
    // Returns that reading, or null where it does not show the raise not taken.
    private static PhaseCurrents? ReadNotTaken(ConnectorInput connector, SiteSnapshot snapshot) =>
        snapshot.Settings.OwnReadingWindow is { } window
        && GridReadAt(snapshot) is { } gridAt
        && connector.CurrentsReadAt is { } readAt
        && connector.CurrentsReadA is { } readA
        && readAt > connector.LastLimitAt
        && gridAt - readAt <= window
        && readA.MaxA <= connector.LastLimitA - snapshot.Settings.ReclaimUsesAllWithinA
            ? readA
            : null;

    // The part of a phase's raise the reading shows not taken: from what the car drew when read (never under the estimate's low
    // end, never over its high end) to the high end. Counted from the low end, a car the reading showed part-way up (a car
    // that follows its pilot gradually) was counted under its draw, the load nobody controls came out high by the part it had
    // taken, and a raise that fitted was taken back (PeakTargetLoopTests, 35 kW: 10.2 → 8.6 A at 1,688 s; Session 24).
    private static double RiseReadA(double lowA, double readA, double highA) => highA - Math.Max(lowA, Math.Min(readA, highA));

    // When the grid was read (the snapshot's time where it has no meter); null where its meter was never read — it stands at
    // DateTimeOffset.MinValue, which no window reaches back from (Session 23: the subtraction failed the cycle), and with no
    // reading to compare a charger's with the raise counts at its new limit, as without the rule (Session 24).
    private static DateTimeOffset? GridReadAt(SiteSnapshot snapshot) =>
        snapshot.Nodes[0].Meter is not { } meter ? snapshot.Time
        : meter.Timestamp == DateTimeOffset.MinValue ? null
        : meter.Timestamp;

    // The judgement's high end at a read meter, with the raises on their way counted at the cars' old draw: those behind no read
    // meter where it reads over (Session 17), and those their own reading shows not taken at that reading, over or not (never
    // below the low ends).
    private double HighWithRisesAtOldDraw(int at, double highA, bool measuredOver)
    {
        var riseA = (measuredOver ? _riseUnseenSubtreeA[at] : 0) + _riseReadSubtreeA[at];
        return riseA > 0 ? Math.Max(_drawSubtreeA[at], highA - riseA) : highA;
    }
}
