namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The logins of the local web page and REST API.</summary>
public interface ILoginStore
{
    Task<LoginCredential?> FindAsync(string username, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="credential"/> unless a login of that name exists; true when it was saved.</summary>
    Task<bool> AddIfAbsentAsync(LoginCredential credential, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the login of that name.</summary>
    Task SetAsync(LoginCredential credential, CancellationToken cancellationToken);
}
