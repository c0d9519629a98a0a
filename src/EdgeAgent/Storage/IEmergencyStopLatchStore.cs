namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Whether the emergency stop is latched, kept so a restart does not release it: only an acknowledgement
/// does (docs/security.md, "GPIO"). Synchronous on purpose, like the manual limits: one flag, written
/// under the caller's lock, so the file and memory never disagree.
/// </summary>
public interface IEmergencyStopLatchStore
{
    bool IsLatched();

    void Save(bool latched);
}
