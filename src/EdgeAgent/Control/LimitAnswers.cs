using System.Numerics;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A connector's charger's answers to the last <see cref="Window"/> limits sent to it: how many it did not
/// take (refused, failed, timed out). By them the balancer keeps room for the decreases such a charger may not
/// take, while a meter reads over its limit and in fallback, there for at least a quarter of each
/// (docs/control-loop.md, "Decreases before increases").
/// Immutable: the send's continuation swaps in a new one.
/// </summary>
/// <param name="NotTakenBits">Bit k set: the k-th newest answer was not an acceptance.</param>
/// <param name="Count">How many answers are known (at most <see cref="Window"/>).</param>
internal readonly record struct LimitAnswers(uint NotTakenBits, int Count)
{
    /// <summary>How many of the newest answers count: a charger that changes its ways is judged anew within minutes.</summary>
    public const int Window = 16;

    private const uint Mask = (1u << Window) - 1;

    /// <summary>How many of the known answers were not an acceptance.</summary>
    public int NotTaken => BitOperations.PopCount(NotTakenBits);

    /// <summary>How many of the newest answers in a row were not an acceptance (docs/control-loop-sessions.md, Session 20, "A session ended as a last resort").</summary>
    public int NotTakenInARow => Math.Min(BitOperations.TrailingZeroCount(~NotTakenBits), Count);

    /// <summary>These answers and one more.</summary>
    public LimitAnswers With(bool taken) =>
        new(((NotTakenBits << 1) | (taken ? 0u : 1u)) & Mask, Math.Min(Count + 1, Window));
}
