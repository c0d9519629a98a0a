using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>
/// The logins in force, in memory: a restart logs everyone out, which is what a site controller
/// that lost power should do. A login lapses after <see cref="Lifetime"/> without use, and
/// <see cref="AbsoluteLifetime"/> after it began however much it is used (a stolen token or cookie
/// does not stay good for ever by being kept busy).
/// </summary>
public sealed class LoginSessions
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, LoginSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public LoginSessions(TimeProvider time)
    {
        _time = time;
    }

    public LoginSession Create(string username)
    {
        RemoveExpired();
        var now = _time.GetUtcNow();
        var session = new LoginSession(NewToken(), NewToken(), username, now + Lifetime, now);
        _sessions[session.Token] = session;
        return session;
    }

    /// <summary>The login with this token, renewed, or null when there is none or it lapsed.</summary>
    public LoginSession? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_sessions.TryGetValue(token, out var session))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (session.ExpiresAt <= now)
        {
            _sessions.TryRemove(token, out _);
            return null;
        }

        var renewed = session with { ExpiresAt = Min(now + Lifetime, session.CreatedAt + AbsoluteLifetime) };
        _sessions.TryUpdate(token, renewed, session);
        return renewed;
    }

    public void Remove(string token) => _sessions.TryRemove(token, out _);

    /// <summary>Ends every login (after a password change: whoever held one must prove the new password).</summary>
    public void EndAll() => _sessions.Clear();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private void RemoveExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var session in _sessions.Values.Where(s => s.ExpiresAt <= now))
        {
            _sessions.TryRemove(session.Token, out _);
        }
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
