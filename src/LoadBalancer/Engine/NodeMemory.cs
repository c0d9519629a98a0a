namespace ChargeNet.LoadBalancer.Engine;

/// <summary>What the balancer remembers about one circuit node between calls.</summary>
internal struct NodeMemory
{
    public string? Id;

    /// <summary>Whether the node's meter has given a fresh reading since the balancer started.</summary>
    public bool Seen;

    /// <summary>
    /// Per grid phase, the highest load the balancer does not control seen at this node in a fresh
    /// reading: what is assumed there while the meter is stale.
    /// </summary>
    public PhaseCurrents PeakUncontrolledA;

    /// <summary>
    /// Per grid phase (bit p), whether the last call held a participating car under what it could take by this node's phase
    /// limit (capped there, or paused for it): room kept here is then room those cars lack.
    /// </summary>
    public int ShortPhases;

    /// <summary>The last call's room left under this node's phase limits (its headroom).</summary>
    public PhaseCurrents HeadroomA;

    /// <summary>
    /// The base (load nobody controls) per grid phase as the recent calls estimated it, and when: what a start or cut sent in
    /// one of them was sent on (docs/control-loop.md, Session 25, "Sizing a measured-overload pause by the measured excess", and
    /// Session 29: kept for the young starts' whole window, not only the last call). Null until the first call.
    /// </summary>
    public BaseHistory? Bases;

    // Per grid phase, the base when the earliest young start below was sent, and which start (its send time, UTC ticks;
    // 0 = none): bit p of _startBaseKnown says whether that base is known (the call it went out in is in Bases, its base known).
    private PhaseCurrents _startBaseA;
    private long _startBaseFor0;
    private long _startBaseFor1;
    private long _startBaseFor2;
    private int _startBaseKnown;

    public readonly long StartBaseFor(int phase) => phase switch
    {
        0 => _startBaseFor0,
        1 => _startBaseFor1,
        _ => _startBaseFor2,
    };

    public readonly double? StartBaseA(int phase) => (_startBaseKnown & (1 << phase)) != 0 ? _startBaseA[phase] : null;

    /// <summary>
    /// Takes the base of the latest call at or before <paramref name="sinceTicks"/> as the base a start sent then went out on.
    /// Not only the last call's: when the earliest young start's window ends, the next one's send time is earlier than the last
    /// call, and its base unknown left the cuts in flight uncredited (the pause cascade, Session 29).
    /// </summary>
    public void TakeStartBase(int phase, long sinceTicks)
    {
        SetStartBaseFor(phase, sinceTicks);
        if (Bases?.AsOf(sinceTicks) is { } baseThen)
        {
            _startBaseA = _startBaseA.With(phase, baseThen[phase]);
            _startBaseKnown |= 1 << phase;
        }
        else
        {
            _startBaseKnown &= ~(1 << phase);
        }
    }

    public void ForgetStartBase(int phase)
    {
        SetStartBaseFor(phase, 0);
        _startBaseKnown &= ~(1 << phase);
    }

    private void SetStartBaseFor(int phase, long ticks)
    {
        switch (phase)
        {
            case 0: _startBaseFor0 = ticks; break;
            case 1: _startBaseFor1 = ticks; break;
            default: _startBaseFor2 = ticks; break;
        }
    }

    public void RaisePeak(int phase, double currentA)
    {
        if (currentA > PeakUncontrolledA[phase])
        {
            PeakUncontrolledA = PeakUncontrolledA.With(phase, currentA);
        }
    }
}
