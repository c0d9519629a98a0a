namespace ChargeNet.LoadBalancer.Engine;

/// <summary>Working lists the strategies reuse from call to call.</summary>
internal sealed class StrategyScratch
{
    private int[] _participants = [];
    private int[] _group = [];
    private int[] _held = [];
    private int[] _heldPauses = [];
    private int[] _sizedByMeasure = [];
    private int[] _reclaims = [];
    private double[] _plannedA = [];
    private double[] _savedLowA = [];
    private double[] _targetsA = [];
    private double[] _loadsAfter = [];
    private double[] _shortfallsA = [];

    public WaterFiller Filler { get; } = new();

    public bool[] Admitted { get; private set; } = [];

    public Span<int> Participants(int length)
    {
        Grow.ToAtLeast(ref _participants, length);
        return _participants.AsSpan(0, length);
    }

    public Span<int> Group(int length)
    {
        Grow.ToAtLeast(ref _group, length);
        return _group.AsSpan(0, length);
    }

    public Span<int> Held(int length)
    {
        Grow.ToAtLeast(ref _held, length);
        return _held.AsSpan(0, length);
    }

    public Span<int> HeldPauses(int length)
    {
        Grow.ToAtLeast(ref _heldPauses, length);
        return _heldPauses.AsSpan(0, length);
    }

    public Span<int> SizedByMeasure(int length)
    {
        Grow.ToAtLeast(ref _sizedByMeasure, length);
        return _sizedByMeasure.AsSpan(0, length);
    }

    public Span<int> Reclaims(int length)
    {
        Grow.ToAtLeast(ref _reclaims, length);
        return _reclaims.AsSpan(0, length);
    }

    public Span<double> PlannedA(int length)
    {
        Grow.ToAtLeast(ref _plannedA, length);
        return _plannedA.AsSpan(0, length);
    }

    public Span<double> SavedLowA(int length)
    {
        Grow.ToAtLeast(ref _savedLowA, length);
        return _savedLowA.AsSpan(0, length);
    }

    public Span<double> TargetsA(int length)
    {
        Grow.ToAtLeast(ref _targetsA, length);
        return _targetsA.AsSpan(0, length);
    }

    public Span<double> LoadsAfter(int constraintCount)
    {
        Grow.ToAtLeast(ref _loadsAfter, constraintCount);
        return _loadsAfter.AsSpan(0, constraintCount);
    }

    public Span<double> ShortfallsA(int length)
    {
        Grow.ToAtLeast(ref _shortfallsA, length);
        return _shortfallsA.AsSpan(0, length);
    }

    public void ResetAdmitted(int connectorCount)
    {
        if (Admitted.Length < connectorCount)
        {
            Admitted = new bool[Math.Max(connectorCount, Admitted.Length * 2)];
        }

        Array.Clear(Admitted, 0, connectorCount);
    }
}
