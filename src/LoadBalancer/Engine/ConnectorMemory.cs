namespace ChargeNet.LoadBalancer.Engine;

/// <summary>What the balancer remembers about one connector between calls.</summary>
internal struct ConnectorMemory
{
    public string? Id;
    public DateTimeOffset? SessionStartedAt;

    /// <summary>The charger's own phases the car is counted on (bit k = charger phase k); 0 = not known yet.</summary>
    public int CarPhaseMask;

    /// <summary>Its last cycle with fresh data (not stale); default = none yet in this session.</summary>
    public DateTimeOffset FreshAt;

    /// <summary>Since when each charger phase has been idle; default = not idle.</summary>
    public DateTimeOffset IdleSince0;
    public DateTimeOffset IdleSince1;
    public DateTimeOffset IdleSince2;

    /// <summary>Whether the balancer gave it current in the last call.</summary>
    public bool Running;

    /// <summary>Whether the balancer paused it after it ran.</summary>
    public bool PausedByBalancer;

    /// <summary>
    /// Whether that pause was decided while a constraint it loads had its base unsure by a band or more (cars answering
    /// their limits counted as load nobody controls): it is not held for the pause time (docs/control-loop-sessions.md, Session 20,
    /// "A pause on an unsure base") — until the base is known and there is still no room for the car (Session 24).
    /// </summary>
    public bool PausedOnUnsureBase;

    /// <summary>When a pause was last left unheld that way: at most one per pause time.</summary>
    public DateTimeOffset UnheldPauseAt;

    /// <summary>When <see cref="Running"/> last changed.</summary>
    public DateTimeOffset RunningChangedAt;

    /// <summary>Whether its offer is held down because it drew well below it.</summary>
    public bool Reclaimed;

    /// <summary>Since when its reclaim has been held back for raises (TransitionPlanner.HeldReclaims.cs); default = not held.</summary>
    public DateTimeOffset ReclaimHeldSince;

    /// <summary>
    /// Held down and seen falling: held at its draw plus <see cref="BalancerSettings.ReclaimFollowMarginA"/>, tightened on each
    /// further fall (docs/control-loop-sessions.md, Session 25, "A car that limits itself more tightly").
    /// </summary>
    public bool Following;

    /// <summary>The draw its hold was set from, and when its charger read it (a fall or a rise is judged from there).</summary>
    public double HeldFromA;
    public DateTimeOffset HeldFromReadAt;

    /// <summary>The bound that hold set: a limit above it is a raise since.</summary>
    public double HeldA;

    /// <summary>
    /// The lowest limit it has held since <see cref="FloorSince"/>: every limit since then the balancer saw offered at least this.
    /// A car that drew well under it for the settle time limits itself, however often it was raised meanwhile
    /// (docs/control-loop-sessions.md, Session 41).
    /// </summary>
    public double FloorA;
    public DateTimeOffset FloorSince;

    /// <summary>When the newest limit <see cref="FloorA"/> was judged against was sent (kept or not); default = none yet.</summary>
    public DateTimeOffset FloorSeenLimitAt;

    /// <summary>
    /// When the limit that first offered it at least its minimum was sent, of the limits it has held since without a pause;
    /// null while its last limit is under its minimum. A car that draws nothing is judged stopped on its own from then,
    /// not from each newer limit (docs/control-loop-sessions.md, Session 22).
    /// </summary>
    public DateTimeOffset? OfferedSince;

    /// <summary>
    /// When it was paused for having stopped on its own (<see cref="AllocationReason.PausedFull"/>); null when it is not. Cleared
    /// when its car draws, when it is offered its minimum again (a probe), and with the session (docs/control-loop-sessions.md, Session 23).
    /// </summary>
    public DateTimeOffset? PausedFullAt;

    /// <summary>Offered its minimum again after such a pause, its car not drawing yet: it takes no room a charging car needs.</summary>
    public bool Probing;

    /// <summary>
    /// Its probe came after <see cref="BalancerSettings.FullCarProbeInterval"/>, not from free room: it takes its turn as a waiting
    /// car (paused first, it never got one on a crowded site, and a car that wanted energy again waited for good).
    /// </summary>
    public bool ProbeTakesTurn;

    /// <summary>
    /// The run it is on was started by a probe that found it still not drawing: its pause waits out the minimum run time, the
    /// start being the balancer's own. Cleared when its car draws and when it is paused again (docs/control-loop-sessions.md, Session 27).
    /// </summary>
    public bool ProbeRun;

    public readonly DateTimeOffset IdleSince(int phase) => phase switch
    {
        0 => IdleSince0,
        1 => IdleSince1,
        _ => IdleSince2,
    };

    public void SetIdleSince(int phase, DateTimeOffset value)
    {
        switch (phase)
        {
            case 0: IdleSince0 = value; break;
            case 1: IdleSince1 = value; break;
            default: IdleSince2 = value; break;
        }
    }
}
