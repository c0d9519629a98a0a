using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The one place a site configuration is applied: validated whole, saved as a new revision, then
/// announced to the rest of the daemon, which applies it live. An invalid document changes nothing.
/// </summary>
public sealed partial class SiteConfigurationService : IDisposable
{
    private readonly IEdgeStore _store;
    private readonly SiteConfigurationReader _reader;
    private readonly TimeProvider _time;
    private readonly ILogger<SiteConfigurationService> _logger;
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private AppliedConfiguration? _current;

    public SiteConfigurationService(IEdgeStore store, SiteConfigurationReader reader, TimeProvider time, ILogger<SiteConfigurationService> logger)
    {
        _store = store;
        _reader = reader;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after a new configuration is in force. Handlers must not throw or block.</summary>
    public event Action<AppliedConfiguration>? Changed;

    /// <summary>The configuration in force; null until one has been applied.</summary>
    public AppliedConfiguration? Current => Volatile.Read(ref _current);

    /// <summary>Loads the newest revision from the store, if there is one.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var latest = await _store.Revisions.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return;
        }

        // The revision holds no secrets (schema 2): they are kept once, apart, and put back here.
        var result = _reader.Read(latest.Json);
        if (!result.IsValid)
        {
            // A revision that was valid when saved can fail a later, stricter build: keep running
            // without it rather than on half of it, and say why.
            foreach (var problem in result.Errors)
            {
                LogStoredRevisionInvalid(latest.Number, problem.ToString());
            }

            return;
        }

        var site = SecretRedactor.WithSecrets(result.Configuration!, _store.Secrets.Load());
        Publish(new AppliedConfiguration(latest.Number, site, latest.CreatedAt, latest.Source));
    }

    /// <summary>
    /// Validates <paramref name="json"/> whole and, if it is valid, saves it as a new revision and
    /// applies it. Secrets the document leaves out are kept from the configuration in force.
    /// </summary>
    public async Task<ConfigurationApplyResult> ApplyAsync(string json, string source, string? author, CancellationToken cancellationToken)
    {
        var parsed = _reader.Read(json);
        if (!parsed.IsValid)
        {
            return new ConfigurationApplyResult(null, parsed.Problems);
        }

        await _applyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Current;
            // Passwords are hashed before the ones the document leaves out are carried over in their stored form.
            var site = SecretRedactor.KeepSecretsFrom(OcppPasswordHashing.HashIncoming(parsed.Configuration!, current?.Site), current?.Site);
            if (source == RevisionSources.Cloud && current is not null
                && await CloudCeilingProblemsAsync(site, current, cancellationToken).ConfigureAwait(false) is { Count: > 0 } refused)
            {
                return new ConfigurationApplyResult(null, [.. parsed.Problems, .. refused]);
            }

            var canonical = SiteConfigurationReader.Write(site);
            if (current is not null && canonical == SiteConfigurationReader.Write(current.Site))
            {
                return new ConfigurationApplyResult(current, parsed.Problems, Unchanged: true);
            }

            var revision = SaveRevision(site, source, author, cancellationToken);
            var applied = new AppliedConfiguration(revision.Number, site, revision.CreatedAt, source);
            Publish(applied);
            LogApplied(revision.Number, source, author ?? "-", site.Chargers.Count);
            return new ConfigurationApplyResult(applied, parsed.Problems);
        }
        finally
        {
            _applyLock.Release();
        }
    }

    public void Dispose() => _applyLock.Dispose();

    // The revision without its secrets and the secrets apart, in one transaction: old revisions are
    // history, read back and kept; they must not be one more copy of every password the site had.
    // The store completes synchronously, so the revision is added on this thread, inside the transaction.
    private ConfigurationRevision SaveRevision(SiteConfiguration site, string source, string? author, CancellationToken cancellationToken)
    {
        ConfigurationRevision? revision = null;
        var withoutSecrets = SiteConfigurationReader.Write(SecretRedactor.WithoutSecrets(site));
        _store.WriteTogether(() =>
        {
            revision = _store.Revisions.AddAsync(withoutSecrets, source, author, _time.GetUtcNow(), cancellationToken).GetAwaiter().GetResult();
            _store.Secrets.Save(SecretRedactor.SecretsOf(site));
        });
        return revision!;
    }

    // The ceiling is the newest revision set locally; with none (or none this build can read), the one in force.
    private async Task<IReadOnlyList<ConfigurationProblem>> CloudCeilingProblemsAsync(SiteConfiguration site, AppliedConfiguration current, CancellationToken cancellationToken)
    {
        var local = await _store.Revisions.GetLatestNotFromAsync(RevisionSources.Cloud, cancellationToken).ConfigureAwait(false);
        var parsed = local is null ? null : _reader.Read(local.Json);
        return parsed is { IsValid: true }
            ? CloudLimitCeiling.Check(site, parsed.Configuration!, local!.Number)
            : CloudLimitCeiling.Check(site, current.Site, null);
    }

    private void Publish(AppliedConfiguration applied)
    {
        Volatile.Write(ref _current, applied);
        Changed?.Invoke(applied);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site configuration revision {Revision} applied (source {Source}, by {Author}): {ChargerCount} chargers")]
    private partial void LogApplied(int revision, string source, string author, int chargerCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored configuration revision {Revision} is not valid for this version and was not applied: {Problem}")]
    private partial void LogStoredRevisionInvalid(int revision, string problem);
}
