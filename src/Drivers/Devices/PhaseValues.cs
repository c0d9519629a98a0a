namespace ChargeNet.Drivers.Devices;

/// <summary>
/// One value per phase (L1, L2, L3). The unit is carried by the name of the field that holds it
/// (<c>CurrentA</c>, <c>VoltageV</c>, <c>PowerW</c>), as in site.json.
/// </summary>
public readonly record struct PhaseValues(double L1, double L2, double L3)
{
    public static PhaseValues Zero => default;

    public double this[int phaseIndex] => phaseIndex switch
    {
        0 => L1,
        1 => L2,
        2 => L3,
        _ => throw new ArgumentOutOfRangeException(nameof(phaseIndex), phaseIndex, "A phase index is 0, 1 or 2."),
    };

    public double Sum => L1 + L2 + L3;

    public double Max => Math.Max(L1, Math.Max(L2, L3));

    public static PhaseValues operator +(PhaseValues a, PhaseValues b) => new(a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3);

    public static PhaseValues operator -(PhaseValues a, PhaseValues b) => new(a.L1 - b.L1, a.L2 - b.L2, a.L3 - b.L3);

    public static PhaseValues Add(PhaseValues a, PhaseValues b) => a + b;

    public static PhaseValues Subtract(PhaseValues a, PhaseValues b) => a - b;

    public double[] ToArray() => [L1, L2, L3];
}
