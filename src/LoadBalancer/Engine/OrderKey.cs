namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A connector's place in one of the <see cref="ConnectorOrder"/>s, as plain fields compared in turn.
/// Sorting these (a value type with <see cref="IComparable{T}"/>) is inlined by the runtime's generic
/// sort: no delegate call per comparison and no boxing.
/// </summary>
internal readonly struct OrderKey(double primary, double secondary, long ticks, int tie, int index) : IComparable<OrderKey>
{
    public int Index { get; } = index;

    private double Primary { get; } = primary;

    private double Secondary { get; } = secondary;

    private long Ticks { get; } = ticks;

    private int Tie { get; } = tie;

    public int CompareTo(OrderKey other)
    {
        var byPrimary = Primary.CompareTo(other.Primary);
        if (byPrimary != 0)
        {
            return byPrimary;
        }

        var bySecondary = Secondary.CompareTo(other.Secondary);
        if (bySecondary != 0)
        {
            return bySecondary;
        }

        var byTicks = Ticks.CompareTo(other.Ticks);
        return byTicks != 0 ? byTicks : Tie.CompareTo(other.Tie);
    }
}
