using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The site configuration's revisions; the newest is the one in force.</summary>
public interface IRevisionStore
{
    /// <summary>Saves a new revision numbered one above the newest.</summary>
    Task<ConfigurationRevision> AddAsync(string json, string source, string? author, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ConfigurationRevision?> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>The newest revision whose source is not <paramref name="source"/> (e.g. the newest set locally, not by the cloud).</summary>
    Task<ConfigurationRevision?> GetLatestNotFromAsync(string source, CancellationToken cancellationToken);

    Task<ConfigurationRevision?> GetAsync(int number, CancellationToken cancellationToken);

    /// <summary>Revisions newest first, without their documents' text.</summary>
    Task<IReadOnlyList<ConfigurationRevision>> ListAsync(int limit, int offset, CancellationToken cancellationToken);

    /// <summary>Deletes all but the newest <paramref name="keep"/> revisions (the newest is always kept); returns how many.</summary>
    Task<int> TrimAsync(int keep, CancellationToken cancellationToken);
}
