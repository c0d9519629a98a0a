namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A limit that may have been in force at a connector: from when it was sent (the charger may apply
/// it at once) until a later limit was confirmed (from then on the charger surely holds the later
/// one). A limit the charger refused ends with its answer; one that failed or timed out stays
/// possible until a later one is confirmed.
/// </summary>
/// <param name="LimitA">The limit, per phase.</param>
/// <param name="From">When it may first have been in force.</param>
/// <param name="Until">When it surely stopped being in force; null while it may still be.</param>
/// <param name="State">What the charger said of it.</param>
internal sealed record LimitEpoch(double LimitA, DateTimeOffset From, DateTimeOffset? Until, LimitEpochState State)
{
    /// <summary>When the charger accepted it; null unless <see cref="State"/> is accepted.</summary>
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>Whether it may have been in force at some moment of [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool MayOverlap(DateTimeOffset from, DateTimeOffset to) => From <= to && (Until is null || Until >= from);
}
