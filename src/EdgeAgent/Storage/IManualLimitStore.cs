using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The manual limits in force, kept so a restart does not lift them (an operator's 0 A that takes a
/// broken socket out of service must stay). Synchronous on purpose: the few limits are saved whole,
/// under the caller's lock, so the file and memory never disagree.
/// </summary>
public interface IManualLimitStore
{
    /// <summary>Replaces the stored limits with <paramref name="limits"/>, in one write.</summary>
    void SaveAll(IReadOnlyList<ManualLimit> limits);

    IReadOnlyList<ManualLimit> LoadAll();
}
