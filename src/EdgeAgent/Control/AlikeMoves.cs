using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The other cars whose moves during a probe (<see cref="PhaseProbe"/>) are the same on all three grid phases, and so are taken out
/// of the grid's move before a verdict instead of ending the probe (docs/control-loop.md, "A car's phases from a probe"): a car
/// whose charger's newest reading when the probe began showed it drawing one current on each of three phases — each at least
/// <see cref="LastResortStop.DrawingA"/>, none more than <see cref="PhaseProbeVerdict.StillA"/> from another — that stops drawing
/// (its charger says so) or is given another limit under its draw while it charges (a cut, and a raise back after one). One that
/// begins drawing again, or turns to any other state, still ends the probe: a car that starts may not draw alike.
/// </summary>
internal sealed class AlikeMoves
{
    private readonly bool[] _balanced;
    private readonly bool[] _stopped;

    private AlikeMoves(bool[] balanced) => (_balanced, _stopped) = (balanced, new bool[balanced.Length]);

    /// <summary>
    /// Until when a move of theirs may still show in the grid's readings: a response time and a second after their charger said
    /// they stopped (one suspended by the controller follows a limit of 0 A, which its car answers within its response time), or
    /// after a limit's answer. <see cref="DateTimeOffset.MinValue"/> while none moved.
    /// </summary>
    public DateTimeOffset SettledBy { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Those balanced on three phases at the start of a probe of connector <paramref name="probed"/>.</summary>
    public static AlikeMoves At(SiteModel model, int probed)
    {
        var balanced = new bool[model.Connectors.Count];
        for (var j = 0; j < balanced.Length; j++)
        {
            balanced[j] = j != probed && model.ChargerOf(j).Phases == 3 && Balanced(model.Connectors[j].Status);
        }

        return new AlikeMoves(balanced);
    }

    /// <summary>Whether connector <paramref name="j"/> stopped meanwhile and is charging again: that ends the probe.</summary>
    public bool Resumed(int j, ConnectorRuntime runtime) => _stopped[j] && runtime.Status?.State == ConnectorState.Charging;

    /// <summary>
    /// Whether connector <paramref name="j"/>'s move since <paramref name="since"/> — its state changed, or it was sent a limit
    /// under what it drew — moves the three phases alike; if so, when it settles is kept.
    /// </summary>
    public bool Takes(int j, ConnectorRuntime runtime, DateTimeOffset since, DateTimeOffset now, TimeSpan responseTime)
    {
        if (!_balanced[j])
        {
            return false;
        }

        var state = runtime.Status?.State;
        var stops = state is ConnectorState.SuspendedByCar or ConnectorState.SuspendedByController or ConnectorState.CarConnected or ConnectorState.Available;
        if (state != ConnectorState.Charging && !stops)
        {
            return false;
        }

        // Once its charger said it stopped, a limit moves nothing: what it was sent before was taken in then.
        if (_stopped[j])
        {
            return true;
        }

        // Every limit it was sent since, while it drew: a cut, and a raise back after one (the probe holds it at most where it was).
        // Unanswered, one may land at any moment.
        foreach (var epoch in runtime.History.Epochs)
        {
            if (epoch.From >= since)
            {
                Later((epoch.ConfirmedAt ?? now) + responseTime + PhaseProbe.Settle);
            }
        }

        if (stops)
        {
            _stopped[j] = true;
            Later(now + responseTime + PhaseProbe.Settle);
        }

        return true;
    }

    /// <summary>
    /// The grid reading <paramref name="after"/> less what moved every phase alike since <paramref name="before"/>: the move of the
    /// phase that carried least of a change of <paramref name="changeA"/> (in its direction). A car on one or two phases leaves
    /// one phase unmoved, so that is the others' move alone; a car on all three is taken off with it and shows nothing.
    /// </summary>
    public static PhaseCurrents WithoutCommonMove(PhaseCurrents before, PhaseCurrents after, double changeA)
    {
        var (m1, m2, m3) = (after.L1A - before.L1A, after.L2A - before.L2A, after.L3A - before.L3A);
        var common = changeA < 0 ? Math.Max(m1, Math.Max(m2, m3)) : Math.Min(m1, Math.Min(m2, m3));
        return new PhaseCurrents(after.L1A - common, after.L2A - common, after.L3A - common);
    }

    // Its newest reading, per phase and charging on each of three within the verdict's tolerance of one another.
    private static bool Balanced(ConnectorStatus? status)
    {
        if (status is not { State: ConnectorState.Charging, PhasesKnown: true })
        {
            return false;
        }

        var least = Math.Min(status.CurrentA.L1, Math.Min(status.CurrentA.L2, status.CurrentA.L3));
        return least >= LastResortStop.DrawingA && status.CurrentA.Max - least <= PhaseProbeVerdict.StillA;
    }

    private void Later(DateTimeOffset at) => SettledBy = at > SettledBy ? at : SettledBy;
}
