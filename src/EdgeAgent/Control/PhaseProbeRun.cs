using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>A probe of a car's phases under way (<see cref="PhaseProbe"/>): its connector, the limits it holds, and the stage it is in.</summary>
internal sealed class PhaseProbeRun
{
    private PhaseProbeRun(int index, double fromA, double[] heldA, ConnectorState?[] statesAtStart, double[] drawnAtStartA, AlikeMoves alike, MeasuredOthers measured, DateTimeOffset startedAt)
    {
        Alike = alike;
        Measured = measured;
        Index = index;
        FromA = fromA;
        HeldA = heldA;
        StatesAtStart = statesAtStart;
        DrawnAtStartA = drawnAtStartA;
        StartedAt = startedAt;
        StageAt = startedAt;
    }

    /// <summary>The probed connector's index in the site model.</summary>
    public int Index { get; }

    /// <summary>The car's limit when the probe began, which it is raised back to.</summary>
    public double FromA { get; }

    /// <summary>Every connector's limit when the probe began: the most each gets while it runs.</summary>
    public double[] HeldA { get; }

    /// <summary>Every connector's state when the probe began: a change disturbs it.</summary>
    public ConnectorState?[] StatesAtStart { get; }

    /// <summary>What each connector's car drew by its last report when the probe began; 0 for one not charging.</summary>
    public double[] DrawnAtStartA { get; }

    /// <summary>The other cars whose moves meanwhile are the same on every phase, taken out before the verdict.</summary>
    public AlikeMoves Alike { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>When this stage's limit was asked for.</summary>
    public DateTimeOffset StageAt { get; set; }

    /// <summary>The probed car's cap in this stage.</summary>
    public double CarCapA { get; set; }

    /// <summary>The limit in force before this stage's change.</summary>
    public double LimitBeforeA { get; set; }

    /// <summary>The grid meter before this stage's change.</summary>
    public PhaseCurrents Before { get; set; }

    /// <summary>When <see cref="Before"/> was read.</summary>
    public DateTimeOffset BeforeAt { get; set; }

    /// <summary>The other connectors whose own readings show their moves in this stage.</summary>
    public MeasuredOthers Measured { get; set; }

    /// <summary>The charger phases this stage's change moved ahead of the response time (<see cref="PhaseProbe.EarlyStable"/>); 0: none yet.</summary>
    public int EarlyMask { get; set; }

    /// <summary>Since which grid reading the move has stood on <see cref="EarlyMask"/>.</summary>
    public DateTimeOffset EarlySince { get; set; }

    /// <summary>Whether the cut was judged ahead of the response time (<see cref="PhaseProbe.EarlyStable"/>).</summary>
    public bool FirstJudgedEarly { get; set; }

    /// <summary>Whether the cut was judged with such a move taken out: the raise must then be judged without one.</summary>
    public bool FirstAlike { get; set; }

    /// <summary>The charger phases the cut moved; 0 while the cut is not judged.</summary>
    public int FirstMask { get; set; }

    /// <summary>A probe of connector <paramref name="index"/> from <paramref name="fromA"/> down to <paramref name="cutToA"/>, every other connector held where it is.</summary>
    public static PhaseProbeRun Begin(SiteModel model, int index, double fromA, double cutToA, PhaseCurrents gridBefore, DateTimeOffset gridReadAt, MeasuredOthers measured, DateTimeOffset now)
    {
        var count = model.Connectors.Count;
        var held = new double[count];
        var states = new ConnectorState?[count];
        var drawn = new double[count];
        for (var j = 0; j < count; j++)
        {
            var runtime = model.Connectors[j];
            held[j] = runtime.SentLimitA ?? 0;
            states[j] = runtime.Status?.State;
            drawn[j] = runtime.Status is { State: ConnectorState.Charging } status ? status.CurrentA.Max : 0;
        }

        return new PhaseProbeRun(index, fromA, held, states, drawn, AlikeMoves.At(model, index), measured, now) { CarCapA = cutToA, LimitBeforeA = fromA, Before = gridBefore, BeforeAt = gridReadAt };
    }
}
