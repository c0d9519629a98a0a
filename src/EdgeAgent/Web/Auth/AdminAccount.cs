using System.Security.Cryptography;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>
/// The one login of the page and API, <c>admin</c>. Its password comes from
/// <c>CHARGENET_ADMIN_PASSWORD</c> on first start or, without it, from the setup step, which asks
/// for a one-time code printed in the log (so only someone who can read the log can claim the box).
/// </summary>
public sealed partial class AdminAccount : IDisposable
{
    public const string Username = "admin";
    public const string PasswordVariable = "CHARGENET_ADMIN_PASSWORD";

    private readonly ILoginStore _logins;
    private readonly LoginSessions _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger<AdminAccount> _logger;
    private readonly SemaphoreSlim _setupLock = new(1, 1);
    private string? _setupCode;

    public AdminAccount(IEdgeStore store, LoginSessions sessions, TimeProvider time, ILogger<AdminAccount> logger)
    {
        _logins = store.Logins;
        _sessions = sessions;
        _time = time;
        _logger = logger;
    }

    /// <summary>True until an admin password is set.</summary>
    public bool SetupRequired => Volatile.Read(ref _setupCode) is not null;

    /// <summary>Sets the admin password from <paramref name="initialPassword"/> if there is none yet; otherwise prepares the setup step.</summary>
    public async Task InitializeAsync(string? initialPassword, CancellationToken cancellationToken)
    {
        if (await _logins.FindAsync(Username, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(initialPassword))
        {
            if (PasswordHasher.Weakness(initialPassword) is { } weakness)
            {
                LogInitialPasswordRefused(PasswordVariable, weakness);
            }
            else
            {
                await _logins.AddIfAbsentAsync(PasswordHasher.Hash(Username, initialPassword, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                LogInitialPasswordSet(PasswordVariable);
                return;
            }
        }

        var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        Volatile.Write(ref _setupCode, code);
        LogSetupCode(code);
    }

    /// <summary>Checks a login; null when the name or password is wrong.</summary>
    public async Task<LoginSession?> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var credential = await _logins.FindAsync(username, cancellationToken).ConfigureAwait(false);
        // The store finds names case-insensitively: the login carries the stored (canonical) name, never the typed one.
        return credential is not null && PasswordHasher.Verify(credential, password) ? _sessions.Create(credential.Username) : null;
    }

    /// <summary>The setup step: sets the first admin password. Returns why it was refused, or null and the new login.</summary>
    public async Task<(string? Problem, LoginSession? Session)> SetUpAsync(string code, string password, CancellationToken cancellationToken)
    {
        if (PasswordHasher.Weakness(password) is { } weakness)
        {
            return (weakness, null);
        }

        await _setupLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var expected = Volatile.Read(ref _setupCode);
            if (expected is null)
            {
                return ("the admin password is already set; log in", null);
            }

            if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(code), System.Text.Encoding.UTF8.GetBytes(expected)))
            {
                return ("the setup code is wrong: it is printed in the daemon's log", null);
            }

            await _logins.AddIfAbsentAsync(PasswordHasher.Hash(Username, password, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _setupCode, null);
            LogSetUp();
            return (null, _sessions.Create(Username));
        }
        finally
        {
            _setupLock.Release();
        }
    }

    /// <summary>
    /// Changes the password of a logged-in user: every login of that user ends (other browsers,
    /// scripts' tokens), and the one that asked gets a fresh login. Returns what is wrong, by field,
    /// or the new login.
    /// </summary>
    public async Task<(PasswordChangeRefusal? Refusal, LoginSession? Session)> ChangePasswordAsync(
        string username, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var credential = await _logins.FindAsync(username, cancellationToken).ConfigureAwait(false);
        if (credential is null || !PasswordHasher.Verify(credential, currentPassword))
        {
            return (new(PasswordChangeRefusal.CurrentPasswordField, "the current password is wrong", WrongCurrentPassword: true), null);
        }

        if (PasswordHasher.Weakness(newPassword) is { } weakness)
        {
            return (new(PasswordChangeRefusal.NewPasswordField, weakness, WrongCurrentPassword: false), null);
        }

        if (newPassword == currentPassword)
        {
            return (new(PasswordChangeRefusal.NewPasswordField, "the new password must differ from the current one", WrongCurrentPassword: false), null);
        }

        await _logins.SetAsync(PasswordHasher.Hash(credential.Username, newPassword, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        _sessions.EndAll();
        LogPasswordChanged(credential.Username);
        return (null, _sessions.Create(credential.Username));
    }

    public void Dispose() => _setupLock.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin password set from {Variable}")]
    private partial void LogInitialPasswordSet(string variable);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Variable} was not used: {Reason}; use the setup step instead")]
    private partial void LogInitialPasswordRefused(string variable, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin password is set. Open the web page and set one with the setup code {SetupCode}")]
    private partial void LogSetupCode(string setupCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of {Username} changed; every other login ended")]
    private partial void LogPasswordChanged(string username);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin password set through the setup step")]
    private partial void LogSetUp();
}
