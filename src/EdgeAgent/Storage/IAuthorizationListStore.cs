using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The local authorization list and its version (OCPP 1.6 Local Auth List Management).</summary>
public interface IAuthorizationListStore
{
    Task<int> GetVersionAsync(CancellationToken cancellationToken);

    Task<AuthorizationEntry?> FindAsync(string idTag, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuthorizationEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the whole list and raises its version by the number of entries (at least one), in one
    /// transaction; returns the new version. Raising it by the entry count leaves room for the
    /// intermediate versions of a list sent to a charger in chunks (OCPP 1.6 SendLocalList), whatever
    /// the charger's SendLocalListMaxLength, all above any version an earlier list had.
    /// </summary>
    Task<int> ReplaceAsync(IReadOnlyList<AuthorizationEntry> entries, CancellationToken cancellationToken);
}
