namespace ChargeNet.SiteSimulator;

/// <summary>
/// Which limits a device leaves unanswered it applies all the same (its answer was lost, not its request): every other one per
/// connector, by turns rather than by a random number, so the answers the seed drew stay as they were.
/// </summary>
public sealed class UnansweredByTurns(int connectors)
{
    private readonly bool[] _applies = new bool[connectors];

    /// <summary>Whether the unanswered limit now asked of connector <paramref name="index"/> (0-based) takes effect.</summary>
    public bool Applies(int index) => _applies[index] = !_applies[index];
}
