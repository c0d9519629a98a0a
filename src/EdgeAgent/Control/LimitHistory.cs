using System.Collections.Immutable;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The limits that may have been in force at one connector lately, oldest first. Immutable: each
/// change makes a new history, so the loop and a send's continuation never see one half-written.
/// It starts with the charger's own unknown limit, counted at <c>unknownLimitA</c> (its maximum)
/// until a limit of ours is confirmed.
/// </summary>
internal sealed class LimitHistory
{
    // Enough for the last few sends in the response window, plus the one that is surely in force.
    private const int MaxEpochs = 12;

    private LimitHistory(ImmutableArray<LimitEpoch> epochs) => Epochs = epochs;

    public ImmutableArray<LimitEpoch> Epochs { get; }

    public static LimitHistory Start(double unknownLimitA) =>
        new([new LimitEpoch(unknownLimitA, DateTimeOffset.MinValue, null, LimitEpochState.Unknown)]);

    /// <summary>Whether any limit of ours was confirmed while this history was kept.</summary>
    public bool AnyAccepted => Epochs.Any(e => e.State == LimitEpochState.Accepted);

    /// <summary>The newest limit the charger confirmed that is still in force; null when none is.</summary>
    public LimitEpoch? Confirmed
    {
        get
        {
            var index = Epochs.FindLastIndex(e => e.State == LimitEpochState.Accepted && e.Until is null);
            return index < 0 ? null : Epochs[index];
        }
    }

    /// <summary>
    /// When the newest confirmed limit was first accepted, over a run of same-valued sends each accepted: a resend of the limit in
    /// force (the OCPP keeper answers one from its record without sending it) does not restart it. Null when none is confirmed.
    /// </summary>
    public DateTimeOffset? ConfirmedSince
    {
        get
        {
            var index = Epochs.FindLastIndex(e => e.State == LimitEpochState.Accepted && e.Until is null);
            if (index < 0)
            {
                return null;
            }

            var since = Epochs[index].ConfirmedAt;
            for (var k = index - 1; k >= 0 && Epochs[k] is { State: LimitEpochState.Accepted } earlier && earlier.LimitA == Epochs[index].LimitA; k--)
            {
                since = earlier.ConfirmedAt ?? since;
            }

            return since;
        }
    }

    /// <summary>A limit sent at <paramref name="at"/>: it may be in force from now on.</summary>
    public LimitHistory Sent(double limitA, DateTimeOffset at) =>
        new(Trim(Epochs.Add(new LimitEpoch(limitA, at, null, LimitEpochState.InFlight))));

    /// <summary>The charger's answer to the limit sent at <paramref name="sentAt"/>.</summary>
    public LimitHistory Answered(DateTimeOffset sentAt, LimitEpochState outcome, DateTimeOffset at)
    {
        var index = Epochs.FindLastIndex(e => e.From == sentAt && e.State == LimitEpochState.InFlight);
        if (index < 0)
        {
            return this;
        }

        var builder = Epochs.ToBuilder();
        var epoch = builder[index];
        switch (outcome)
        {
            case LimitEpochState.Accepted:
                builder[index] = epoch with { State = outcome, Until = null, ConfirmedAt = at };
                // Every limit before it is surely gone from now on.
                for (var k = 0; k < index; k++)
                {
                    if (builder[k].Until is null)
                    {
                        builder[k] = builder[k] with { Until = at };
                    }
                }

                break;
            case LimitEpochState.Rejected:
                builder[index] = epoch with { State = outcome, Until = at };
                break;
            default:
                builder[index] = epoch with { State = LimitEpochState.Failed };
                break;
        }

        return new(builder.ToImmutable());
    }

    /// <summary>
    /// The limit sent at <paramref name="sentAt"/> never reached the charger (its driver held it unsent, <c>SetpointResult.NotSent</c>):
    /// it is not and never was in force, so it leaves no epoch. A held ask kept as an epoch each cycle also pushed the older
    /// ones out, so a cut refused once looked sent anew every cycle and held every raise on the site (docs/control-loop-sessions.md,
    /// Session 18, "A held answer is not a send").
    /// </summary>
    public LimitHistory Withdrawn(DateTimeOffset sentAt)
    {
        var index = Epochs.FindLastIndex(e => e.From == sentAt && e.State == LimitEpochState.InFlight);
        return index < 0 ? this : new(Epochs.RemoveAt(index));
    }

    /// <summary>The limits that may have been in force at some moment of [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="includeUnknown">Whether the charger's own limit before one of ours was confirmed counts.</param>
    public (double LeastA, double MostA) InForce(DateTimeOffset from, DateTimeOffset to, bool includeUnknown)
    {
        var least = double.PositiveInfinity;
        var most = double.NegativeInfinity;
        foreach (var epoch in Epochs)
        {
            if (epoch.MayOverlap(from, to) && (includeUnknown || epoch.State != LimitEpochState.Unknown))
            {
                // The charger's own limit before ours is only a ceiling: under it the car may draw anything.
                least = Math.Min(least, epoch.State == LimitEpochState.Unknown ? 0 : epoch.LimitA);
                most = Math.Max(most, epoch.LimitA);
            }
        }

        return double.IsFinite(least) ? (least, most) : (0, 0);
    }

    /// <summary>
    /// Whether a limit lower than the one before it was sent after <paramref name="since"/> and the charger
    /// has not accepted it (it is on its way, or was refused, or failed). A cut sent again after one that timed out compares with
    /// that cut, not with the limit it may have left in force: compared so, every resend to a charger that never answers held the
    /// site's raises, and 1,000 connectors fell from 83 to 45 % capacity use (docs/control-loop-sessions.md, Session 44).
    /// </summary>
    public bool DecreaseUnconfirmedSince(DateTimeOffset since)
    {
        for (var k = Epochs.Length - 1; k > 0 && Epochs[k].From > since; k--)
        {
            if (Epochs[k].State != LimitEpochState.Accepted && Epochs[k].LimitA < Epochs[k - 1].LimitA)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a limit lower than the one before it, sent at or before <paramref name="before"/>, is still unanswered: its
    /// charger has said nothing of it for that long, and it counts as not taken until it does (a late acceptance still
    /// confirms it; docs/control-loop-sessions.md, Session 14, "The wait for an unanswered decrease").
    /// </summary>
    public bool DecreaseUnansweredSince(DateTimeOffset before)
    {
        for (var k = 1; k < Epochs.Length; k++)
        {
            if (Epochs[k].State == LimitEpochState.InFlight && Epochs[k].From <= before && Epochs[k].LimitA < Epochs[k - 1].LimitA)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any limit changed (was sent or answered) within [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool ChangedWithin(DateTimeOffset from, DateTimeOffset to) =>
        Epochs.Any(e => (e.From >= from && e.From <= to) || (e.Until is { } until && until >= from && until <= to));

    private static ImmutableArray<LimitEpoch> Trim(ImmutableArray<LimitEpoch> epochs)
    {
        // Drop the oldest that surely ended; never one that may still be in force.
        while (epochs.Length > MaxEpochs)
        {
            var ended = epochs.FindIndex(e => e.Until is not null);
            if (ended < 0)
            {
                // Every one may still be in force (the charger answers nothing): keep the extremes.
                var lowest = epochs.MinBy(e => e.LimitA)!;
                var highest = epochs.MaxBy(e => e.LimitA)!;
                ended = epochs.FindIndex(e => e != lowest && e != highest);
            }

            epochs = epochs.RemoveAt(ended);
        }

        return epochs;
    }
}
